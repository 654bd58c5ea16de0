import { strict as assert } from 'node:assert';
import { applyFirstFix, lintString, summary } from '../../helpers';

const ID = 'compose/exposed-database-port';
const lintCompose = (text: string) => lintString(text, { filename: 'compose.yaml', only: ID });
const db = (port: string) => `services:\n  db:\n    image: postgres:16.4\n    ports:\n      - ${port}\n`;

describe(ID, () => {
  it('flags a database port published on all interfaces, quoted or plain', () => {
    assert.deepEqual(summary(lintCompose(db('"5432:5432"'))), [{ ruleId: ID, range: [4, 8, 4, 19] }]);
    assert.deepEqual(summary(lintCompose(db('6379:6379'))), [{ ruleId: ID, range: [4, 8, 4, 17] }]);
  });
  it('flags 0.0.0.0 and the long syntax without host_ip, with no fix offered', () => {
    assert.deepEqual(summary(lintCompose(db('"0.0.0.0:3306:3306"'))), [{ ruleId: ID, range: [4, 8, 4, 27] }]);
    assert.throws(() => applyFirstFix(db('"0.0.0.0:3306:3306"'), ID, { filename: 'compose.yaml' }), /offered no fix/);
    const long = 'services:\n  db:\n    image: mongo:7\n    ports:\n      - target: 27017\n        published: 27017\n';
    assert.deepEqual(summary(lintCompose(long)), [{ ruleId: ID, range: [4, 8, 5, 24] }]);
  });
  it('binds the port to 127.0.0.1, keeping quotes, and the re-check is clean', () => {
    for (const [port, want] of [
      ['"5432:5432"', '"127.0.0.1:5432:5432"'],
      ["'15432:5432'", "'127.0.0.1:15432:5432'"],
      ['6379:6379', '127.0.0.1:6379:6379'],
    ] as const) {
      const fixed = applyFirstFix(db(port), ID, { filename: 'compose.yaml' });
      assert.equal(fixed, db(want));
      assert.deepEqual(lintCompose(fixed), [], port);
    }
  });
  it('does not flag loopback, unpublished or non-database ports', () => {
    for (const port of ['"127.0.0.1:5432:5432"', '"[::1]:5432:5432"', '"5432"', '"8080:80"'])
      assert.deepEqual(lintCompose(db(port)), [], port);
  });
});
