/**
 * Compact schemas written by hand, for CRDs no maintained npm package carries (Dapr, Strimzi,
 * Redpanda), from their published API references. They cover the fields people write, check unknown
 * fields at the levels they spell out, and stay open below that (broker `config`, pod `template`, …).
 */
import { fromJsonSchema } from './crd';
import { builtinSchema, type ObjectSchema } from './model';

/** Dapr `Component` (dapr.io/v1alpha1): the fields of the upstream CRD's `spec`, `auth` and `scopes`. */
const DAPR_COMPONENT = {
  type: 'object',
  description: 'A Dapr component: a state store, pub/sub broker, binding, secret store or other building block.',
  properties: {
    auth: {
      type: 'object',
      properties: { secretStore: { type: 'string', description: 'The secret store that resolves secretKeyRef values.' } },
    },
    scopes: { type: 'array', items: { type: 'string' }, description: 'App ids that may use the component (all when absent).' },
    spec: {
      type: 'object',
      required: ['type', 'version'],
      properties: {
        type: { type: 'string', description: 'The component type, e.g. `state.redis` or `pubsub.kafka`.' },
        version: { type: 'string', description: 'The component version, e.g. `v1`.' },
        ignoreErrors: { type: 'boolean' },
        initTimeout: { type: 'string' },
        metadata: {
          type: 'array',
          description: 'Name/value settings of the component; secrets belong in secretKeyRef.',
          items: {
            type: 'object',
            required: ['name'],
            properties: {
              name: { type: 'string' },
              value: { 'x-kubernetes-preserve-unknown-fields': true },
              secretKeyRef: { type: 'object', properties: { name: { type: 'string' }, key: { type: 'string' } } },
              envRef: { type: 'string' },
            },
          },
        },
      },
    },
  },
};

/** A free-form object: its fields are not checked. */
const OPEN = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
const STRINGS = { type: 'array', items: { type: 'string' } };

/** A Strimzi listener or client authentication block: the type decides the other fields. */
const STRIMZI_AUTH = {
  type: 'object',
  'x-kubernetes-preserve-unknown-fields': true,
  required: ['type'],
  properties: { type: { type: 'string', description: 'The authentication mechanism, e.g. `tls`, `scram-sha-512`, `oauth` or `custom`.' } },
};

/** The pod-level settings that Strimzi components share. */
const STRIMZI_COMPONENT_COMMON = {
  resources: OPEN,
  jvmOptions: OPEN,
  livenessProbe: OPEN,
  readinessProbe: OPEN,
  logging: OPEN,
  metricsConfig: OPEN,
  template: OPEN,
  image: { type: 'string' },
};

/** Strimzi `Kafka` (kafka.strimzi.io/v1beta2): the cluster, its listeners and storage, per the Strimzi API reference. */
const STRIMZI_KAFKA = {
  type: 'object',
  description: 'A Kafka cluster managed by the Strimzi cluster operator.',
  properties: {
    spec: {
      type: 'object',
      required: ['kafka'],
      properties: {
        kafka: {
          type: 'object',
          required: ['listeners'],
          properties: {
            ...STRIMZI_COMPONENT_COMMON,
            version: { type: 'string', description: 'The Kafka version, e.g. `3.9.0`.' },
            metadataVersion: { type: 'string' },
            replicas: { type: 'integer', description: 'Broker count (ZooKeeper mode; node pools set it otherwise).' },
            listeners: {
              type: 'array',
              description: 'How clients reach the brokers; each listener gets a bootstrap Service `<cluster>-kafka-bootstrap` port.',
              items: {
                type: 'object',
                required: ['name', 'port', 'type', 'tls'],
                properties: {
                  name: { type: 'string' },
                  port: { type: 'integer' },
                  type: { type: 'string', enum: ['internal', 'route', 'loadbalancer', 'nodeport', 'ingress', 'cluster-ip'] },
                  tls: { type: 'boolean' },
                  authentication: STRIMZI_AUTH,
                  configuration: OPEN,
                  networkPolicyPeers: { type: 'array', items: OPEN },
                },
              },
            },
            config: { ...OPEN, description: 'Broker configuration (`server.properties` keys).' },
            storage: { ...OPEN, required: ['type'], properties: { type: { type: 'string' } } },
            authorization: { ...OPEN, required: ['type'], properties: { type: { type: 'string' } } },
            rack: OPEN,
            brokerRackInitImage: { type: 'string' },
            jmxOptions: OPEN,
            quotas: OPEN,
            tieredStorage: OPEN,
          },
        },
        zookeeper: {
          type: 'object',
          properties: { ...STRIMZI_COMPONENT_COMMON, replicas: { type: 'integer' }, storage: OPEN, config: OPEN, jmxOptions: OPEN },
        },
        entityOperator: {
          type: 'object',
          properties: { topicOperator: OPEN, userOperator: OPEN, template: OPEN, tlsSidecar: OPEN },
        },
        clusterCa: OPEN,
        clientsCa: OPEN,
        cruiseControl: OPEN,
        kafkaExporter: OPEN,
        jmxTrans: OPEN,
        maintenanceTimeWindows: STRINGS,
      },
    },
    status: OPEN,
  },
};

/** Strimzi `KafkaTopic` (kafka.strimzi.io/v1beta2). */
const STRIMZI_KAFKA_TOPIC = {
  type: 'object',
  description: 'A Kafka topic managed by the Strimzi topic operator of the cluster its `strimzi.io/cluster` label names.',
  properties: {
    spec: {
      type: 'object',
      properties: {
        topicName: { type: 'string', description: 'The topic name when it differs from the resource name.' },
        partitions: { type: 'integer' },
        replicas: { type: 'integer' },
        config: { ...OPEN, description: 'Topic configuration, e.g. `retention.ms`.' },
      },
    },
    status: OPEN,
  },
};

/** Strimzi `KafkaUser` (kafka.strimzi.io/v1beta2). */
const STRIMZI_KAFKA_USER = {
  type: 'object',
  description: 'A Kafka user (credentials Secret, ACLs, quotas) managed by the Strimzi user operator.',
  properties: {
    spec: {
      type: 'object',
      properties: {
        authentication: STRIMZI_AUTH,
        authorization: {
          type: 'object',
          required: ['type'],
          properties: { type: { type: 'string', enum: ['simple'] }, acls: { type: 'array', items: OPEN } },
        },
        quotas: {
          type: 'object',
          properties: {
            producerByteRate: { type: 'integer' },
            consumerByteRate: { type: 'integer' },
            requestPercentage: { type: 'integer' },
            controllerMutationRate: { type: 'number' },
          },
        },
        template: OPEN,
      },
    },
    status: OPEN,
  },
};

/** Redpanda Operator `Topic` (cluster.redpanda.com/v1alpha2), per the Redpanda CRD reference. */
const REDPANDA_TOPIC = {
  type: 'object',
  description: 'A Kafka topic in a Redpanda cluster, kept in sync by the Redpanda Operator.',
  properties: {
    spec: {
      type: 'object',
      properties: {
        partitions: { type: 'integer' },
        replicationFactor: { type: 'integer' },
        overwriteTopicName: { type: 'string', description: 'The topic name when it differs from the resource name.' },
        additionalConfig: {
          type: 'object',
          additionalProperties: { type: 'string' },
          description: 'Topic properties, e.g. `cleanup.policy`.',
        },
        kafkaApiSpec: {
          type: 'object',
          properties: { brokers: STRINGS, tls: OPEN, sasl: OPEN },
        },
        cluster: {
          type: 'object',
          properties: { clusterRef: { type: 'object', properties: { name: { type: 'string' } } }, staticConfiguration: OPEN },
        },
        metricsNamespace: { type: 'string' },
        interval: { type: 'string' },
      },
    },
    status: OPEN,
  },
};

/** The hand-written kinds by `apiVersion/kind`; each gets `apiVersion`, `kind` and the standard `metadata`. */
const KINDS: readonly (readonly [string, string, Record<string, unknown>])[] = [
  ['dapr.io/v1alpha1', 'Component', DAPR_COMPONENT],
  ['kafka.strimzi.io/v1beta2', 'Kafka', STRIMZI_KAFKA],
  ['kafka.strimzi.io/v1beta2', 'KafkaTopic', STRIMZI_KAFKA_TOPIC],
  ['kafka.strimzi.io/v1beta2', 'KafkaUser', STRIMZI_KAFKA_USER],
  ['kafka.strimzi.io/v1', 'Kafka', STRIMZI_KAFKA],
  ['kafka.strimzi.io/v1', 'KafkaTopic', STRIMZI_KAFKA_TOPIC],
  ['kafka.strimzi.io/v1', 'KafkaUser', STRIMZI_KAFKA_USER],
  ['cluster.redpanda.com/v1alpha2', 'Topic', REDPANDA_TOPIC],
];

let cache: Map<string, ObjectSchema> | undefined;

/** The hand-written schema of `apiVersion/kind`, if any. */
export function handwrittenSchema(apiVersion: string, kind: string): ObjectSchema | undefined {
  if (!cache) {
    cache = new Map();
    const meta = builtinSchema('v1', 'ConfigMap')?.props.get('metadata');
    for (const [apiVersion, kind, schema] of KINDS) {
      const node = fromJsonSchema(schema, kind);
      if (node.t !== 'object' || !meta) continue;
      const props = new Map(node.props);
      props.set('apiVersion', { t: 'string' });
      props.set('kind', { t: 'string' });
      props.set('metadata', meta);
      cache.set(`${apiVersion}/${kind}`, { ...node, props });
    }
  }
  return cache.get(`${apiVersion}/${kind}`);
}
