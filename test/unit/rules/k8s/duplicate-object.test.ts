import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const ID = 'k8s/duplicate-object';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [{ ruleId: ID, range: [10, 8, 10, 16] }]);
  });
  it('does not flag the hardened fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('flags a copy in another file of a kustomize folder, not in other folders', () => {
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n';
    assert.deepEqual(
      summary(
        lintString(cm, {
          only: ID,
          filename: 'app/a.yaml',
          files: { 'app/b.yaml': cm, 'app/kustomization.yaml': 'resources: [a.yaml, b.yaml]\n' },
        }),
      ),
      [{ ruleId: ID, range: [3, 8, 3, 16] }],
    );
    assert.deepEqual(lintString(cm, { only: ID, filename: 'prod/a.yaml', files: { 'staging/a.yaml': cm } }), []);
    assert.deepEqual(lintString(cm, { only: ID, filename: 'examples/aws.yaml', files: { 'examples/gce.yaml': cm } }), []);
  });
});
