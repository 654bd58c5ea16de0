import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const ID = 'k8s/cronjob-deadline';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [{ ruleId: ID, range: [5, 12, 5, 23] }]);
  });
  it('does not flag the hardened fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('asks only for the deadline with concurrencyPolicy: false', () => {
    const text =
      'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "0 3 * * *"\n  startingDeadlineSeconds: 300\n';
    assert.equal(lintString(text, { only: ID }).length, 1);
    const config = `rules:\n  ${ID}:\n    concurrencyPolicy: false\n`;
    assert.deepEqual(lintString(text, { only: ID, config }), []);
    assert.deepEqual(summary(lintString(text.replace('  startingDeadlineSeconds: 300\n', ''), { only: ID, config })), [
      { ruleId: ID, range: [5, 12, 5, 23] },
    ]);
  });
});

describe(`${ID} messages`, () => {
  it('names a CronJob without a name by its generateName prefix', () => {
    const text =
      'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  generateName: nightly-\nspec:\n  schedule: "0 1 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{ name: a, image: a:1 }]\n';
    const messages = lintString(text, { only: ID }).map((f) => f.message);
    assert.equal(messages.length, 1);
    assert.match(messages[0]!, /^CronJob "nightly-" \(generateName\) sets no /);
  });
});
