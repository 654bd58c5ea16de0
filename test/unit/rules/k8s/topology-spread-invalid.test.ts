import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const ID = 'k8s/topology-spread-invalid';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [{ ruleId: ID, range: [16, 10, 16, 17] }]);
  });
  it('does not flag the good fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('flags maxSkew 0 and an unknown whenUnsatisfiable on their values', () => {
    const text = fixture(ID, 'good.yaml').replace('maxSkew: 1', 'maxSkew: 0').replace('ScheduleAnyway', 'Always');
    assert.deepEqual(summary(lintString(text, { only: ID })), [
      { ruleId: ID, range: [16, 19, 16, 20] },
      { ruleId: ID, range: [18, 29, 18, 35] },
    ]);
  });
  it('flags a missing topologyKey on the first key of the entry', () => {
    const text = fixture(ID, 'good.yaml').replace('          topologyKey: topology.kubernetes.io/zone\n', '');
    assert.deepEqual(summary(lintString(text, { only: ID })), [{ ruleId: ID, range: [16, 10, 16, 17] }]);
  });
});
