import { isMap } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { indentStyle, mergeIntoMap } from '../../k8s/edit';
import { containerAt, containerSites, scalarAt, type ContainerData } from '../../k8s/pod';
import { findPair, getIn, nodeRange } from '../../parse/yaml';

const ALL = ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'];

/** CPU and memory requests/limits each container should declare (which ones is configurable). */
export const rule = defineRule({
  id: 'k8s/resources-missing',
  title: 'CPU or memory requests/limits missing',
  severity: 'warning',
  fixApplicability: 'unsafe',
  appliesTo: ['manifest'],
  aliases: [
    'kube-linter:unset-cpu-requirements',
    'kube-linter:unset-memory-requirements',
    'polaris:cpuRequestsMissing',
    'polaris:cpuLimitsMissing',
    'polaris:memoryRequestsMissing',
    'polaris:memoryLimitsMissing',
    'kube-score:container-resources',
    'checkov:CKV_K8S_10',
    'checkov:CKV_K8S_11',
    'checkov:CKV_K8S_12',
    'checkov:CKV_K8S_13',
  ],
  options: {
    required: {
      type: 'string[]',
      default: ['requests.cpu', 'requests.memory', 'limits.memory'],
      description: 'Which of `requests.cpu`, `requests.memory`, `limits.cpu`, `limits.memory` every container must set.',
    },
    defaultCpuRequest: { type: 'string', default: '100m', description: 'CPU request the quick fix inserts.' },
    defaultMemoryRequest: { type: 'string', default: '128Mi', description: 'Memory request the quick fix inserts.' },
    defaultCpuLimit: { type: 'string', default: '500m', description: 'CPU limit the quick fix inserts (when required).' },
    defaultMemoryLimit: { type: 'string', default: '256Mi', description: 'Memory limit the quick fix inserts.' },
  },
  docs: `Without requests the scheduler packs pods blindly and the pod is first to be evicted; without a memory
limit one leak can take the node's memory. By default \`requests.cpu\`, \`requests.memory\` and
\`limits.memory\` are required; CPU limits throttle latency-sensitive services and are left to the \`required\`
option. The peers require more by default: kube-score's \`container-resources\` all four, kube-linter's
\`unset-cpu-requirements\` and \`unset-memory-requirements\` a request and a limit each, Polaris one check per entry;
\`required: [requests.cpu, requests.memory, limits.cpu, limits.memory]\` gives their behaviour. The quick fix adds
the missing entries with the configured defaults, keeping existing values.`,
  remediation: 'Add `resources.requests` (and `limits`) sized from observed usage.',
  check(ctx) {
    const required = (ctx.settings.option<string[]>('required') ?? []).filter((r) => ALL.includes(r));
    const out: Finding[] = [];
    for (const site of containerSites(ctx.doc)) {
      if (site.field === 'ephemeralContainers') continue;
      const missing = required.filter(
        (r) =>
          scalarAt(site.node, ['resources', ...r.split('.')]) === undefined &&
          getIn(site.node, ['resources', ...r.split('.')]) === undefined,
      );
      if (!missing.length) continue;
      const res = findPair(site.node, 'resources');
      const range =
        nodeRange(ctx.doc.lines, res?.key) ??
        nodeRange(ctx.doc.lines, findPair(site.node, 'name')?.value) ??
        nodeRange(ctx.doc.lines, site.node);
      const data: ContainerData = { doc: site.obj.docIndex, path: site.path };
      if (range) out.push({ message: `Container "${site.name ?? site.index}" sets no ${missing.join(', ')}.`, range, data });
    }
    return out;
  },
  fix(ctx, finding) {
    const site = containerAt(ctx.doc, finding.data);
    if (!site || !isMap(site.node)) return undefined;
    const required = (ctx.settings.option<string[]>('required') ?? []).filter((r) => ALL.includes(r));
    const defaults: Record<string, string> = {
      'requests.cpu': ctx.settings.option<string>('defaultCpuRequest'),
      'requests.memory': ctx.settings.option<string>('defaultMemoryRequest'),
      'limits.cpu': ctx.settings.option<string>('defaultCpuLimit'),
      'limits.memory': ctx.settings.option<string>('defaultMemoryLimit'),
    };
    const want: Record<string, Record<string, string>> = {};
    for (const r of required) {
      const [group, res] = r.split('.') as [string, string];
      (want[group] ??= {})[res] = defaults[r]!;
    }
    const edits = mergeIntoMap(ctx.doc.lines, site.node, { resources: want }, indentStyle(ctx.doc.text));
    return edits.length ? { title: 'Add resource requests and limits', edits } : undefined;
  },
});
