import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { workloads } from '../../k8s/pod';
import { findPair, keyRange, nodeRange, scalarString } from '../../parse/yaml';

/** Opt-in: workloads should run under their own service account. */
export const rule = defineRule({
  id: 'k8s/default-service-account',
  title: 'Pod uses the default service account',
  severity: 'info',
  defaultEnabled: false,
  appliesTo: ['manifest'],
  aliases: ['kube-linter:default-service-account'],
  docs: `Pods without \`serviceAccountName\` (or with \`default\`) share the namespace's default service account, so a
role bound to it for one workload is granted to all of them. Opt-in, as many workloads need no API access at all.`,
  remediation: 'Create a ServiceAccount per workload and set `serviceAccountName` in its pod spec.',
  check(ctx) {
    const out: Finding[] = [];
    for (const w of workloads(ctx.doc)) {
      const pair = findPair(w.pod, 'serviceAccountName') ?? findPair(w.pod, 'serviceAccount');
      const name = scalarString(pair?.value);
      if (name !== undefined && name !== 'default') continue;
      const range = nodeRange(ctx.doc.lines, pair?.value) ?? keyRange(ctx.doc.lines, w.obj.root, 'kind');
      if (range) out.push({ message: 'The pod runs under the default service account.', range });
    }
    return out;
  },
});
