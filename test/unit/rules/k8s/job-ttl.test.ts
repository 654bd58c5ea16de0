import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const ID = 'k8s/job-ttl';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [{ ruleId: ID, range: [4, 0, 4, 4] }]);
  });
  it('does not flag the hardened fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('treats annotations that are not a mapping as none', () => {
    const text =
      'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: once\n  annotations: ar\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{ name: a, image: a:1 }]\n';
    assert.deepEqual(summary(lintString(text, { only: ID })), [{ ruleId: ID, range: [5, 0, 5, 4] }]);
  });
});

describe(`${ID} messages`, () => {
  const job = (meta: string) =>
    `apiVersion: batch/v1\nkind: Job\nmetadata:\n${meta}spec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{ name: a, image: a:1 }]\n`;
  it('names the Job by its name, by its generateName prefix, or as "this Job"', () => {
    assert.deepEqual(
      lintString(job('  name: once\n'), { only: ID }).map((f) => f.message),
      ['Job "once" is never cleaned up after it finishes; set ttlSecondsAfterFinished.'],
    );
    assert.deepEqual(
      lintString(job('  generateName: backup-\n'), { only: ID }).map((f) => f.message),
      ['Job "backup-" (generateName) is never cleaned up after it finishes; set ttlSecondsAfterFinished.'],
    );
    assert.deepEqual(
      lintString(job('  labels: { a: b }\n'), { only: ID }).map((f) => f.message),
      ['This Job is never cleaned up after it finishes; set ttlSecondsAfterFinished.'],
    );
  });
});
