import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';

const ID = 'compose/docker-socket';
const lintCompose = (text: string) => lintString(text, { filename: 'compose.yaml', only: ID });

describe(ID, () => {
  it('flags the socket in the short syntax on its source, read-only or not', () => {
    assert.deepEqual(
      summary(lintCompose('services:\n  a:\n    image: x:1\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n')),
      [{ ruleId: ID, range: [4, 8, 4, 28] }],
    );
  });
  it('flags the socket in the long syntax, and /run/docker.sock', () => {
    const text =
      'services:\n  a:\n    image: x:1\n    volumes:\n      - type: bind\n        source: /run/docker.sock\n        target: /var/run/docker.sock\n';
    assert.deepEqual(summary(lintCompose(text)), [{ ruleId: ID, range: [5, 16, 5, 32] }]);
  });
  it('does not flag other mounts', () => {
    assert.deepEqual(
      lintCompose('services:\n  a:\n    image: x:1\n    volumes:\n      - data:/var/run\n      - ./docker.sock.txt:/x\n'),
      [],
    );
  });
});
