import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { seqAt, workloads } from '../../k8s/pod';
import { getIn, keyRange, nodeRange, scalarString } from '../../parse/yaml';

/** Pods whose `dnsConfig.options` lack a required resolver option. */
export const rule = defineRule({
  id: 'k8s/dns-config-options',
  title: 'dnsConfig option not set',
  severity: 'info',
  appliesTo: ['manifest'],
  defaultEnabled: false,
  aliases: ['kube-linter:dnsconfig-options'],
  options: {
    name: { type: 'string', default: 'ndots', description: 'The resolver option every pod must set in `dnsConfig.options`.' },
    value: { type: 'string', default: '2', description: 'The value it must have (empty: any value).' },
  },
  docs: `With the cluster default \`ndots:5\`, every lookup of an external name such as \`api.example.com\` first tries
each search domain of the pod, several DNS queries per request. Teams that tune this require an option in each
pod's \`dnsConfig.options\`. Reported on the pod spec's \`dnsConfig\` (or, without one, the \`containers\` key) when
the option named by \`name\` is missing or has another value than \`value\` (defaults: \`ndots\`, \`2\`, as
kube-linter). Opt-in.`,
  remediation: 'Add the option to `spec.dnsConfig.options`, for example `- name: ndots` with `value: "2"`.',
  check(ctx) {
    const out: Finding[] = [];
    const want = ctx.settings.option<string>('name');
    const value = ctx.settings.option<string>('value');
    for (const w of workloads(ctx.doc)) {
      const ok = seqAt(w.pod, ['dnsConfig', 'options']).some(
        (o) => scalarString(getIn(o, ['name'])) === want && (!value || scalarString(getIn(o, ['value'])) === value),
      );
      if (ok) continue;
      const range =
        keyRange(ctx.doc.lines, w.pod, 'dnsConfig') ?? keyRange(ctx.doc.lines, w.pod, 'containers') ?? nodeRange(ctx.doc.lines, w.pod);
      if (range) out.push({ message: `The pod's dnsConfig does not set ${want}${value ? `:${value}` : ''}.`, range });
    }
    return out;
  },
});
