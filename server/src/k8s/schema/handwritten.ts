/**
 * Compact schemas written by hand, for CRDs no maintained npm package carries. They cover the key
 * fields only, and stay open where the upstream CRD is open.
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

let cache: Map<string, ObjectSchema> | undefined;

/** The hand-written schema of `apiVersion/kind`, if any. */
export function handwrittenSchema(apiVersion: string, kind: string): ObjectSchema | undefined {
  if (!cache) {
    cache = new Map();
    const node = fromJsonSchema(DAPR_COMPONENT, 'Component');
    const meta = builtinSchema('v1', 'ConfigMap')?.props.get('metadata');
    if (node.t === 'object' && meta) {
      const props = new Map(node.props);
      props.set('apiVersion', { t: 'string' });
      props.set('kind', { t: 'string' });
      props.set('metadata', meta);
      cache.set('dapr.io/v1alpha1/Component', { ...node, props });
    }
  }
  return cache.get(`${apiVersion}/${kind}`);
}
