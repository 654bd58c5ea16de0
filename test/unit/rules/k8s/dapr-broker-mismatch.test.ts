import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const ID = 'k8s/dapr-broker-mismatch';
const pubsub = (brokers: string) =>
  `apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: pubsub\n  namespace: shop\nspec:\n  type: pubsub.kafka\n  version: v1\n  metadata:\n    - name: brokers\n      value: ${brokers}\n`;
const service = (name: string, ns: string, port: number) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  selector:\n    app: ${name}\n  ports:\n    - port: ${port}\n`;

describe(ID, () => {
  it('flags an address naming no Service and a port the Service lacks in the bad fixture', () => {
    const found = lintString(fixture(ID, 'bad.yaml'), { only: ID });
    assert.deepEqual(summary(found), [
      { ruleId: ID, range: [26, 13, 26, 33] },
      { ruleId: ID, range: [52, 13, 52, 23] },
    ]);
    assert.match(found[0]!.message, /events-kafka-bootstrap\.messaging:9092/);
  });
  it('does not flag the good fixture (the Strimzi bootstrap Service)', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('reads name.namespace.svc.cluster.local addresses and every broker of a list', () => {
    const files = { 's.yaml': service('redpanda', 'streaming', 9093) };
    assert.deepEqual(lintString(pubsub('redpanda.streaming.svc.cluster.local:9093'), { filename: 'p.yaml', files, only: ID }), []);
    assert.deepEqual(
      summary(lintString(pubsub('redpanda.streaming:9093,redpanda.streaming:9092'), { filename: 'p.yaml', files, only: ID })),
      [{ ruleId: ID, range: [10, 13, 10, 60] }],
    );
  });
  it('does not check external hosts or IPs, and stays silent without a broker Service', () => {
    const files = { 's.yaml': service('redpanda', 'streaming', 9093) };
    assert.deepEqual(lintString(pubsub('broker-1.kafka.example.com:9092'), { filename: 'p.yaml', files, only: ID }), []);
    assert.deepEqual(lintString(pubsub('10.0.0.7:9092'), { filename: 'p.yaml', files, only: ID }), []);
    const web = { 's.yaml': service('web', 'shop', 80) };
    assert.deepEqual(lintString(pubsub('kafka:9092'), { filename: 'p.yaml', files: web, only: ID }), []);
  });
});
