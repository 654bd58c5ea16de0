import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { mayBeUnread, objectsNamed, objectsOfKind, sameNamespace } from '../../k8s/pod';
import { getIn, keyRange, nodeRange, scalarString } from '../../parse/yaml';

const LABEL = 'strimzi.io/cluster';

/** Strimzi KafkaTopics and KafkaUsers whose `strimzi.io/cluster` label names no Kafka of the workspace. */
export const rule = defineRule({
  id: 'k8s/kafka-cluster-missing',
  title: 'KafkaTopic or KafkaUser names a Kafka cluster that does not exist',
  severity: 'warning',
  appliesTo: ['manifest'],
  aliases: [],
  docs: `Strimzi's topic and user operators manage only the \`KafkaTopic\`s and \`KafkaUser\`s whose
\`strimzi.io/cluster\` label names their \`Kafka\` (in the same namespace). With a misspelt name, or with no label at
all, the resource is silently ignored: the topic is never created, the user's credentials Secret never appears.
Reported on the label's value, or on \`metadata\` when the label is missing. Only checked when the workspace defines
at least one \`Kafka\`; a manifest YAML cannot read completely that holds the name keeps it quiet.`,
  remediation: 'Set the `strimzi.io/cluster` label to the name of the Kafka resource, in the same namespace.',
  check(ctx) {
    const out: Finding[] = [];
    if (!ctx.doc.objects.some((o) => o.kind === 'KafkaTopic' || o.kind === 'KafkaUser')) return out;
    const clusters = objectsOfKind(ctx, 'Kafka').filter((o) => o.apiVersion?.startsWith('kafka.strimzi.io/'));
    if (!clusters.length) return out;
    for (const obj of ctx.doc.objects) {
      if ((obj.kind !== 'KafkaTopic' && obj.kind !== 'KafkaUser') || !obj.apiVersion?.startsWith('kafka.strimzi.io/')) continue;
      const labelNode = getIn(obj.root, ['metadata', 'labels', LABEL]);
      const name = scalarString(labelNode);
      if (name?.includes('{{')) continue;
      if (name === undefined) {
        const range = keyRange(ctx.doc.lines, obj.root, 'metadata');
        if (range)
          out.push({ message: `${obj.kind} "${obj.name ?? ''}" has no ${LABEL} label, so no Strimzi operator manages it.`, range });
        continue;
      }
      if (objectsNamed(clusters, name).some((o) => sameNamespace(o.namespace, obj.namespace))) continue;
      if (mayBeUnread(ctx, [name])) continue;
      const range = nodeRange(ctx.doc.lines, labelNode);
      if (range) out.push({ message: `No Kafka "${name}" is defined in the workspace for ${obj.kind} "${obj.name ?? ''}".`, range });
    }
    return out;
  },
});
