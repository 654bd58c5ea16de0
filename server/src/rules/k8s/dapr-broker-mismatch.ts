import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { dig, objectsOfKind, sameNamespace, seqAt, type LookupContext } from '../../k8s/pod';
import { getIn, nodeRange, scalarString } from '../../parse/yaml';

/** A Service as far as addressing goes: where it is and which ports it answers on. */
interface Endpoint {
  readonly name: string;
  readonly namespace: string | undefined;
  readonly ports: readonly number[];
}

/** Which metadata field carries the broker address, and how to recognise that broker's Services. */
const FAMILIES: readonly { prefix: string; field: string; broker: string; looksLike: RegExp; ports: readonly number[] }[] = [
  { prefix: 'pubsub.kafka', field: 'brokers', broker: 'Kafka', looksLike: /kafka|redpanda/i, ports: [9092, 9093, 9094] },
  { prefix: 'bindings.kafka', field: 'brokers', broker: 'Kafka', looksLike: /kafka|redpanda/i, ports: [9092, 9093, 9094] },
  { prefix: 'pubsub.redis', field: 'redisHost', broker: 'Redis', looksLike: /redis|valkey/i, ports: [6379] },
  { prefix: 'state.redis', field: 'redisHost', broker: 'Redis', looksLike: /redis|valkey/i, ports: [6379] },
];

function numbers(list: unknown, key: string): number[] {
  return Array.isArray(list) ? list.flatMap((p) => (typeof dig(p, key) === 'number' ? [dig(p, key) as number] : [])) : [];
}

/** The workspace's Services, plus the bootstrap Service Strimzi creates for each `Kafka` (`<name>-kafka-bootstrap`). */
function endpoints(ctx: LookupContext): Endpoint[] {
  const out: Endpoint[] = [];
  for (const s of objectsOfKind(ctx, 'Service'))
    if (s.name) out.push({ name: s.name, namespace: s.namespace, ports: numbers(dig(s.value, 'spec', 'ports'), 'port') });
  for (const k of objectsOfKind(ctx, 'Kafka')) {
    if (!k.name || !k.apiVersion?.startsWith('kafka.strimzi.io/')) continue;
    out.push({
      name: `${k.name}-kafka-bootstrap`,
      namespace: k.namespace,
      ports: numbers(dig(k.value, 'spec', 'kafka', 'listeners'), 'port'),
    });
  }
  return out;
}

/** `name`, `name.ns`, `name.ns.svc` or `name.ns.svc.cluster.local` with an optional port; undefined for other hosts. */
function parseAddress(address: string): { name: string; namespace: string | undefined; port: number | undefined } | undefined {
  const m = /^([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)(?:\.([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)(\.svc(?:\.cluster\.local)?)?)?(?::(\d+))?$/.exec(
    address.trim(),
  );
  if (!m || /^\d+$/.test(m[1]!)) return undefined;
  return { name: m[1]!, namespace: m[2], port: m[4] === undefined ? undefined : Number(m[4]) };
}

const show = (e: Endpoint) => `${e.name}${e.namespace ? `.${e.namespace}` : ''}${e.ports.length ? `:${e.ports.join('/')}` : ''}`;

/** Dapr pub/sub and state components whose broker address names no broker Service of the workspace, or a port it lacks. */
export const rule = defineRule({
  id: 'k8s/dapr-broker-mismatch',
  title: 'Dapr component broker address disagrees with the workspace',
  severity: 'warning',
  appliesTo: ['manifest'],
  aliases: [],
  docs: `A Dapr \`Component\` of type \`pubsub.kafka\` or \`bindings.kafka\` names its brokers in the \`brokers\` metadata
(\`host:port\`, comma-separated); \`pubsub.redis\` and \`state.redis\` name theirs in \`redisHost\`. A host written as a
Service address (\`name\`, \`name.namespace\`, \`name.namespace.svc…\`) is compared with the Services of the workspace,
including the \`<cluster>-kafka-bootstrap\` Service Strimzi creates for each \`Kafka\` (its listener ports):

- a host that names no Service in that namespace, while the workspace has a Kafka/Redpanda (or Redis) Service, is
  reported, naming the Services it has; the sidecar cannot connect and the application's publishes fail;
- a host that names a Service whose ports do not include the address's port is reported.

Reported on the metadata \`value\`. Hosts that are not Service addresses (IPs, external names) and values read from a
secret are not checked. Only checked when the workspace defines a Service of the broker's kind (a name with \`kafka\`,
\`redpanda\`, \`redis\` or \`valkey\`, or the broker's usual port).`,
  remediation: 'Point the address at the broker Service of the workspace: `name.namespace:port` with one of its ports.',
  check(ctx) {
    const out: Finding[] = [];
    if (!ctx.doc.objects.some((o) => o.kind === 'Component')) return out;
    let all: Endpoint[] | undefined;
    for (const obj of ctx.doc.objects) {
      if (obj.kind !== 'Component' || !obj.apiVersion?.startsWith('dapr.io/')) continue;
      const type = scalarString(getIn(obj.root, ['spec', 'type']));
      const family = FAMILIES.find((f) => type === f.prefix);
      if (!family) continue;
      const item = seqAt(obj.root, ['spec', 'metadata']).find((m) => scalarString(getIn(m, ['name'])) === family.field);
      const valueNode = getIn(item, ['value']);
      const value = scalarString(valueNode);
      if (!value || value.includes('{{')) continue;
      all ??= endpoints(ctx);
      const brokers = all.filter((e) => family.looksLike.test(e.name) || e.ports.some((p) => family.ports.includes(p)));
      if (!brokers.length) continue;
      const range = nodeRange(ctx.doc.lines, valueNode);
      if (!range) continue;
      for (const address of value.split(',')) {
        const a = parseAddress(address);
        if (!a) continue;
        const ns = a.namespace ?? obj.namespace;
        const named = all.filter((e) => e.name === a.name && sameNamespace(e.namespace, ns));
        if (!named.length) {
          out.push({
            message: `Broker address "${address.trim()}" of Component "${obj.name ?? ''}" names no Service of the workspace; its ${family.broker} Services: ${brokers.map(show).join(', ')}.`,
            range,
          });
        } else if (a.port !== undefined && !named.some((e) => e.ports.includes(a.port!))) {
          out.push({ message: `Service "${a.name}" has no port ${a.port} (ports: ${named.flatMap((e) => e.ports).join(', ')}).`, range });
        }
      }
    }
    return out;
  },
});
