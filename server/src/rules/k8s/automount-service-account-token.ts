import { isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { workloads } from '../../k8s/pod';
import { findPair, keyRange, nodeRange } from '../../parse/yaml';

/** Opt-in: pods that do not call the API should not carry a service-account token. */
export const rule = defineRule({
  id: 'k8s/automount-service-account-token',
  title: 'Service-account token mounted automatically',
  severity: 'info',
  defaultEnabled: false,
  appliesTo: ['manifest'],
  aliases: ['kube-linter:automount-service-account-token', 'polaris:automountServiceAccountToken', 'checkov:CKV_K8S_38'],
  docs: `Unless \`automountServiceAccountToken: false\` is set, every pod gets a token for its service account at
\`/var/run/secrets/kubernetes.io/serviceaccount\`. An attacker inside a pod that never talks to the API server
can still use that token. Opt-in, because the ServiceAccount object can also turn mounting off.`,
  remediation: 'Set `automountServiceAccountToken: false` in the pod spec of workloads that do not use the Kubernetes API.',
  check(ctx) {
    const out: Finding[] = [];
    for (const w of workloads(ctx.doc)) {
      const pair = findPair(w.pod, 'automountServiceAccountToken');
      if (pair && isScalar(pair.value) && pair.value.value === false) continue;
      const range = nodeRange(ctx.doc.lines, pair?.value) ?? keyRange(ctx.doc.lines, w.obj.root, 'kind');
      if (range)
        out.push({
          message: 'The pod mounts a service-account token; set automountServiceAccountToken: false if it does not use the API.',
          range,
        });
    }
    return out;
  },
});
