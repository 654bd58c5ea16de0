import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { seqAt, workloads } from '../../k8s/pod';
import { getIn, nodeRange, scalarString } from '../../parse/yaml';

/** Host paths whose mount hands the node over to the pod. */
const SENSITIVE = [
  '/',
  '/boot',
  '/dev',
  '/etc',
  '/lib',
  '/proc',
  '/sys',
  '/usr',
  '/root',
  '/var/lib/kubelet',
  '/var/lib/docker',
  '/var/run',
  '/run',
];

/** Whether a host path is a container runtime socket (reported by `k8s/docker-socket`). */
export function isRuntimeSocket(p: string): boolean {
  return /(?:docker|containerd|crio|cri-dockerd)\.sock$/.test(p) || /\/(?:containerd|crio)\/?$/.test(p);
}

/** `hostPath` volumes: a warning, an error on sensitive host directories. */
export const rule = defineRule({
  id: 'k8s/host-path',
  title: 'hostPath volume',
  severity: 'warning',
  appliesTo: ['manifest'],
  aliases: ['kube-linter:sensitive-host-mounts', 'polaris:hostPathSet'],
  options: {
    sensitiveOnly: {
      type: 'boolean',
      default: false,
      description: 'Report only the sensitive host directories (as kube-linter does), not every host path.',
    },
  },
  docs: `A \`hostPath\` volume exposes part of the node's filesystem to the pod and ties the pod to that node.
Mounting system directories (\`/\`, \`/etc\`, \`/proc\`, \`/sys\`, \`/dev\`, \`/var/lib/kubelet\`, \`/var/run\`, …) lets the pod
read credentials of other pods or take over the node, so those are errors; other paths are warnings, as Polaris'
\`hostPathSet\` reports every host path. With \`sensitiveOnly: true\` only the system directories are reported,
which is kube-linter's \`sensitive-host-mounts\`. Runtime sockets are reported by \`k8s/docker-socket\`.`,
  remediation: 'Use a `persistentVolumeClaim`, `configMap`, `secret` or `emptyDir` volume instead of `hostPath`.',
  check(ctx) {
    const out: Finding[] = [];
    const sensitiveOnly = ctx.settings.option<boolean>('sensitiveOnly');
    for (const w of workloads(ctx.doc)) {
      for (const v of seqAt(w.pod, ['volumes'])) {
        const pathNode = getIn(v, ['hostPath', 'path']);
        const p = scalarString(pathNode);
        if (p === undefined || isRuntimeSocket(p)) continue;
        const range = nodeRange(ctx.doc.lines, pathNode);
        if (!range) continue;
        const norm = p.length > 1 ? p.replace(/\/+$/, '') : p;
        if (SENSITIVE.includes(norm)) out.push({ message: `hostPath mounts the sensitive host directory ${p}.`, range, severity: 'error' });
        else if (!sensitiveOnly) out.push({ message: `hostPath mounts ${p} from the node.`, range });
      }
    }
    return out;
  },
});
