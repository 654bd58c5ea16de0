import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { indentStyle, mergeIntoMap } from '../../k8s/edit';
import { containerAt, containerSites, dig, scalarAt, seqAt, type ContainerData } from '../../k8s/pod';
import { findPair, nodeRange } from '../../parse/yaml';

/** Kinds whose pods are long-running services (Jobs finish, so probes matter less there). */
const SERVICE_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController'];

/** Long-running containers should say when they are ready and when they are stuck. */
export const rule = defineRule({
  id: 'k8s/probes-missing',
  title: 'Liveness or readiness probe missing',
  severity: 'warning',
  fixApplicability: 'unsafe',
  appliesTo: ['manifest'],
  aliases: [
    'kube-linter:no-liveness-probe',
    'kube-linter:no-readiness-probe',
    'polaris:livenessProbeMissing',
    'polaris:readinessProbeMissing',
    'kube-score:pod-probes',
    'checkov:CKV_K8S_8',
    'checkov:CKV_K8S_9',
  ],
  options: {
    probes: {
      type: 'string[]',
      default: ['readinessProbe', 'livenessProbe'],
      description: 'The probes every container must have (`readinessProbe`, `livenessProbe`, `startupProbe`).',
    },
    kinds: {
      type: 'string[]',
      default: SERVICE_KINDS,
      description: 'The workload kinds whose containers are checked (add `Pod`, `Job`, `CronJob` to check those too).',
    },
  },
  docs: `Without a \`readinessProbe\` a pod receives traffic as soon as its process starts, before it can serve, and
keeps receiving it while it is overloaded; during a rollout that means errors. Without a \`livenessProbe\` a
deadlocked process is never restarted. Reported for Deployments, StatefulSets, DaemonSets and ReplicaSets, not
for Jobs (the \`kinds\` option), and both probes are required (the \`probes\` option). The peers differ:
kube-linter's \`no-liveness-probe\` and \`no-readiness-probe\` and Polaris' \`livenessProbeMissing\` and
\`readinessProbeMissing\` each ask for one probe, on every pod-running kind including bare Pods, Jobs and CronJobs:
for their behaviour set \`kinds\` to \`[Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController,
Job, CronJob]\` and \`probes\` to the one probe. Init containers are never checked. The quick fix adds TCP probe
skeletons on the container's first declared port.`,
  remediation: 'Add a `readinessProbe` (and a `livenessProbe` that checks something cheaper than readiness).',
  check(ctx) {
    const out: Finding[] = [];
    const kinds = ctx.settings.option<string[]>('kinds');
    const probes = ctx.settings.option<string[]>('probes');
    for (const site of containerSites(ctx.doc)) {
      if (site.field !== 'containers' || !site.obj.kind || !kinds.includes(site.obj.kind)) continue;
      const missing = probes.filter((p) => !findPair(site.node, p));
      if (!missing.length) continue;
      const range = nodeRange(ctx.doc.lines, findPair(site.node, 'name')?.value) ?? nodeRange(ctx.doc.lines, site.node.items[0]?.key);
      const data: ContainerData = { doc: site.obj.docIndex, path: site.path };
      if (range) out.push({ message: `Container "${site.name ?? site.index}" has no ${missing.join(' and no ')}.`, range, data });
    }
    return out;
  },
  fix(ctx, finding) {
    const site = containerAt(ctx.doc, finding.data);
    if (!site) return undefined;
    const first = seqAt(site.node, ['ports'])[0];
    const port = dig(first?.toJSON(), 'name') ?? dig(first?.toJSON(), 'containerPort');
    if (typeof port !== 'string' && typeof port !== 'number') return undefined;
    const want: Record<string, unknown> = {};
    if (scalarAt(site.node, ['readinessProbe']) === undefined && !findPair(site.node, 'readinessProbe'))
      want['readinessProbe'] = { tcpSocket: { port }, periodSeconds: 10 };
    if (!findPair(site.node, 'livenessProbe')) want['livenessProbe'] = { tcpSocket: { port }, initialDelaySeconds: 10, periodSeconds: 20 };
    const edits = mergeIntoMap(ctx.doc.lines, site.node, want, indentStyle(ctx.doc.text));
    return edits.length ? { title: `Add probe skeletons on port ${String(port)}`, edits } : undefined;
  },
});
