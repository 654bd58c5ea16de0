import { strict as assert } from 'node:assert';
import { applyFirstFix, lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const ID = 'k8s/resources-missing';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [{ ruleId: ID, range: [21, 10, 21, 19] }]);
  });
  it('does not flag the hardened fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('fixes the bad fixture into the golden file', () => {
    assert.equal(applyFirstFix(fixture(ID, 'bad.yaml'), ID), fixture(ID, 'bad.fixed.yaml'));
  });
  it('requires what the required option lists', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: a:1\n      resources:\n        requests: {cpu: 10m, memory: 10Mi}\n';
    assert.deepEqual(
      lintString(text, { only: ID, config: 'rules:\n  k8s/resources-missing:\n    required: [requests.cpu, requests.memory]\n' }),
      [],
    );
    assert.equal(lintString(text, { only: ID }).length, 1);
  });
  it('replaces an empty flow mapping with a block', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: a:1\n      resources: {}\n';
    assert.equal(
      applyFirstFix(text, ID),
      text.replace(
        'resources: {}',
        'resources:\n        requests:\n          cpu: 100m\n          memory: 128Mi\n        limits:\n          memory: 256Mi',
      ),
    );
  });
});
