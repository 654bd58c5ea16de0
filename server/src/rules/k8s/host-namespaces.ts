import { isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { workloads } from '../../k8s/pod';
import { findPair, nodeRange } from '../../parse/yaml';

const FIELDS: Record<string, string> = {
  hostNetwork: "the node's network (it can bind to node ports and see all node traffic)",
  hostPID: "the node's process table (it can see and signal every process)",
  hostIPC: "the node's IPC namespace (shared memory of other processes)",
};

/** Pods that share the node's network, process or IPC namespace. */
export const rule = defineRule({
  id: 'k8s/host-namespaces',
  title: 'Pod shares a host namespace',
  severity: 'warning',
  appliesTo: ['manifest'],
  aliases: [
    'kube-linter:host-network',
    'kube-linter:host-pid',
    'kube-linter:host-ipc',
    'polaris:hostNetworkSet',
    'polaris:hostPIDSet',
    'polaris:hostIPCSet',
    'checkov:CKV_K8S_17',
    'checkov:CKV_K8S_18',
    'checkov:CKV_K8S_19',
  ],
  docs: `\`hostNetwork\`, \`hostPID\` and \`hostIPC\` put the pod into the node's own namespaces, removing the isolation
between it and everything else on the node. Node agents need them; applications do not.`,
  remediation: 'Remove `hostNetwork`/`hostPID`/`hostIPC: true` unless this is a node agent that needs it.',
  check(ctx) {
    const out: Finding[] = [];
    for (const w of workloads(ctx.doc)) {
      for (const [field, what] of Object.entries(FIELDS)) {
        const pair = findPair(w.pod, field);
        if (!pair || !isScalar(pair.value) || pair.value.value !== true) continue;
        const range = nodeRange(ctx.doc.lines, pair.value);
        if (range) out.push({ message: `${field}: true shares ${what}.`, range });
      }
    }
    return out;
  },
});
