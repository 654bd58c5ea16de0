import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';

const ID = 'compose/duplicate-host-port';
const lintCompose = (text: string) => lintString(text, { filename: 'compose.yaml', only: ID });
const two = (a: string, b: string) =>
  `services:\n  a:\n    image: a:1\n    ports:\n      - ${a}\n  b:\n    image: b:1\n    ports:\n      - ${b}\n`;

describe(ID, () => {
  it('flags the second service publishing a host port', () => {
    assert.deepEqual(summary(lintCompose(two('"8080:80"', '"8080:3000"'))), [{ ruleId: ID, range: [8, 8, 8, 19] }]);
  });
  it('flags overlapping ranges and loopback against all interfaces', () => {
    assert.equal(lintCompose(two('"8000-8002:80-82"', '"8001:3000"')).length, 1);
    assert.equal(lintCompose(two('"127.0.0.1:8080:80"', '"8080:3000"')).length, 1);
  });
  it('does not flag different ports, protocols or host addresses, nor unpublished ports', () => {
    assert.deepEqual(lintCompose(two('"8080:80"', '"8081:80"')), []);
    assert.deepEqual(lintCompose(two('"53:53/udp"', '"53:53/tcp"')), []);
    assert.deepEqual(lintCompose(two('"127.0.0.1:8080:80"', '"127.0.0.2:8080:80"')), []);
    assert.deepEqual(lintCompose(two('"80"', '"80"')), []);
  });
});
