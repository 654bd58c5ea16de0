import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const ID = 'k8s/kafka-cluster-missing';
const kafka = (ns: string) =>
  `apiVersion: kafka.strimzi.io/v1beta2\nkind: Kafka\nmetadata:\n  name: events\n  namespace: ${ns}\nspec:\n  kafka:\n    listeners:\n      - name: plain\n        port: 9092\n        type: internal\n        tls: false\n`;
const topic =
  'apiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaTopic\nmetadata:\n  name: orders\n  namespace: messaging\n  labels:\n    strimzi.io/cluster: events\nspec:\n  partitions: 3\n';

describe(ID, () => {
  it('flags a wrong cluster name and a missing label in the bad fixture', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [
      { ruleId: ID, range: [28, 24, 28, 29] },
      { ruleId: ID, range: [37, 0, 37, 8] },
    ]);
  });
  it('does not flag the good fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('does not count a Kafka of another namespace', () => {
    assert.deepEqual(lintString(topic, { filename: 't.yaml', files: { 'k.yaml': kafka('messaging') }, only: ID }), []);
    assert.deepEqual(summary(lintString(topic, { filename: 't.yaml', files: { 'k.yaml': kafka('streaming') }, only: ID })), [
      { ruleId: ID, range: [6, 24, 6, 30] },
    ]);
  });
  it('stays silent when the workspace defines no Kafka', () => {
    assert.deepEqual(lintString(topic, { filename: 't.yaml', only: ID }), []);
  });
});
