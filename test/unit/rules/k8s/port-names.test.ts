import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const ID = 'k8s/port-names';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [
      { ruleId: ID, range: [21, 20, 21, 38] },
      { ruleId: ID, range: [26, 20, 26, 24] },
    ]);
  });
  it('does not flag the good fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('flags upper case, digits only and double hyphens', () => {
    for (const name of ['HTTP', '"8080"', 'a--b']) {
      const text = fixture(ID, 'good.yaml').replace('name: metrics', `name: ${name}`);
      assert.deepEqual(summary(lintString(text, { only: ID })), [{ ruleId: ID, range: [21, 20, 21, 20 + name.length] }], name);
    }
  });
  it('flags an invalid named targetPort of a Service', () => {
    const text =
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n    - port: 80\n      targetPort: web_http\n    - port: 81\n      targetPort: "8081"\n';
    assert.deepEqual(summary(lintString(text, { only: ID })), [{ ruleId: ID, range: [7, 18, 7, 26] }]);
  });
  it('reports a name repeated within one container as an error and across containers as a warning', () => {
    const found = lintString(fixture(ID, 'bad.yaml'), { only: ID });
    assert.deepEqual(
      found.map((f) => f.severity),
      ['error', 'warning'],
    );
    const text = fixture(ID, 'good.yaml').replace('name: metrics', 'name: http');
    const twice = lintString(text, { only: ID });
    assert.deepEqual(summary(twice), [{ ruleId: ID, range: [21, 20, 21, 24] }]);
    assert.equal(twice[0]!.severity, 'error');
  });
});
