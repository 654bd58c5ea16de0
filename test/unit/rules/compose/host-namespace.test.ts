import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';

const ID = 'compose/host-namespace';
const lintCompose = (text: string) => lintString(text, { filename: 'compose.yaml', only: ID });

describe(ID, () => {
  it('flags network_mode: host on its value', () => {
    assert.deepEqual(summary(lintCompose('services:\n  a:\n    image: x:1\n    network_mode: host\n')), [
      { ruleId: ID, range: [3, 18, 3, 22] },
    ]);
  });
  it('flags pid: host on its value', () => {
    assert.deepEqual(summary(lintCompose('services:\n  a:\n    image: x:1\n    pid: host\n')), [{ ruleId: ID, range: [3, 9, 3, 13] }]);
  });
  it('does not flag other network modes or a shared service namespace', () => {
    assert.deepEqual(lintCompose('services:\n  a:\n    image: x:1\n    network_mode: "service:b"\n    pid: "service:b"\n'), []);
  });
});
