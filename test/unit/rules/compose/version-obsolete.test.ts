import { strict as assert } from 'node:assert';
import { applyFirstFix, lintString, summary } from '../../helpers';

const ID = 'compose/version-obsolete';
const lintCompose = (text: string) => lintString(text, { filename: 'compose.yaml', only: ID });

describe(ID, () => {
  it('flags the top-level version key, as an info', () => {
    const found = lintCompose('version: "3.8"\nservices:\n  web:\n    image: nginx:1.27.3\n');
    assert.deepEqual(summary(found), [{ ruleId: ID, range: [0, 0, 0, 7] }]);
    assert.equal(found[0]!.severity, 'info');
  });
  it('removes the line, and the re-check is clean', () => {
    const fixed = applyFirstFix('# stack\nversion: "3.8"\nservices:\n  web:\n    image: nginx:1.27.3\n', ID, { filename: 'compose.yaml' });
    assert.equal(fixed, '# stack\nservices:\n  web:\n    image: nginx:1.27.3\n');
    assert.deepEqual(lintCompose(fixed), []);
  });
  it('does not flag a file without version, nor a service key named version', () => {
    assert.deepEqual(lintCompose('services:\n  web:\n    image: nginx:1.27.3\n    labels:\n      version: "2"\n'), []);
  });
});
