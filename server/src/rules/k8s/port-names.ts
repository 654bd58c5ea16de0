import { isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { seqAt, workloads } from '../../k8s/pod';
import { getIn, nodeRange } from '../../parse/yaml';

/** What is wrong with a port name (an IANA service name), or undefined when it is valid. */
export function portNameProblem(name: string): string | undefined {
  if (name.length > 15) return 'is longer than 15 characters';
  if (!/^[a-z0-9-]+$/.test(name)) return 'may only hold lower-case letters, digits and hyphens';
  if (!/[a-z]/.test(name)) return 'must contain a letter';
  if (name.startsWith('-') || name.endsWith('-') || name.includes('--')) return 'may not start or end with a hyphen or hold two in a row';
  return undefined;
}

/** Container port names the API server rejects or that clash, and invalid named Service target ports. */
export const rule = defineRule({
  id: 'k8s/port-names',
  title: 'Invalid or duplicate port name',
  severity: 'error',
  appliesTo: ['manifest'],
  aliases: ['kube-score:container-ports-check', 'kube-linter:invalid-target-ports'],
  docs: `A container port's \`name\` (and a Service's \`targetPort\` given by name) must be an IANA service name: at most 15
characters of lower-case letters, digits and hyphens, with a letter, no hyphen at either end and no two in a row. The
API server rejects others, and two ports of one container with the same name (also rejected). Two containers of a
pod may reuse a name, but a Service's named \`targetPort\` then picks one of them, which is reported as a warning.
Reported on the name.`,
  remediation: 'Use a short lower-case name such as `http`, `grpc` or `metrics`, unique within the pod.',
  check(ctx) {
    const out: Finding[] = [];
    const report = (node: unknown, message: string, severity?: 'warning') => {
      const range = nodeRange(ctx.doc.lines, node);
      if (range) out.push({ message, range, ...(severity ? { severity } : {}) });
    };
    for (const w of workloads(ctx.doc)) {
      const inPod = new Set<string>();
      for (const field of ['initContainers', 'containers']) {
        for (const c of seqAt(w.pod, [field])) {
          const inContainer = new Set<string>();
          for (const p of seqAt(c, ['ports'])) {
            const n = getIn(p, ['name']);
            if (!isScalar(n) || typeof n.value !== 'string' || n.value.includes('{{')) continue;
            const problem = portNameProblem(n.value);
            if (problem) report(n, `Port name "${n.value}" ${problem}.`);
            else if (inContainer.has(n.value)) report(n, `Port name "${n.value}" is used twice in the container.`);
            else if (inPod.has(n.value)) report(n, `Port name "${n.value}" is also used by another container of the pod.`, 'warning');
            inContainer.add(n.value);
            inPod.add(n.value);
          }
        }
      }
    }
    for (const obj of ctx.doc.objects) {
      if (obj.kind !== 'Service') continue;
      for (const p of seqAt(obj.root, ['spec', 'ports'])) {
        const t = getIn(p, ['targetPort']);
        if (!isScalar(t) || typeof t.value !== 'string' || /^\d+$/.test(t.value) || t.value.includes('{{')) continue;
        const problem = portNameProblem(t.value);
        if (problem) report(t, `Target port name "${t.value}" ${problem}.`);
      }
    }
    return out;
  },
});
