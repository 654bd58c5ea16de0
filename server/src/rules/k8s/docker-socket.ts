import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { seqAt, workloads } from '../../k8s/pod';
import { getIn, nodeRange, scalarString } from '../../parse/yaml';
import { isRuntimeSocket } from './host-path';

/** A mounted container runtime socket is root on the node. */
export const rule = defineRule({
  id: 'k8s/docker-socket',
  title: 'Container runtime socket mounted',
  severity: 'error',
  appliesTo: ['manifest'],
  aliases: ['kube-linter:docker-sock', 'checkov:CKV_K8S_27'],
  docs: `Whoever can talk to \`docker.sock\`, \`containerd.sock\` or \`crio.sock\` can start a privileged container on
the node, so mounting the socket gives the pod full control of the host.`,
  remediation: 'Remove the socket volume; build images with a rootless builder (BuildKit rootless, kaniko) instead.',
  check(ctx) {
    const out: Finding[] = [];
    for (const w of workloads(ctx.doc)) {
      for (const v of seqAt(w.pod, ['volumes'])) {
        const pathNode = getIn(v, ['hostPath', 'path']);
        const p = scalarString(pathNode);
        if (p === undefined || !isRuntimeSocket(p)) continue;
        const range = nodeRange(ctx.doc.lines, pathNode);
        if (range) out.push({ message: `The container runtime socket ${p} is mounted into the pod.`, range });
      }
    }
    return out;
  },
});
