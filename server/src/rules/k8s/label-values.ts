import { isMap, isPair, isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { podSpecOf } from '../../k8s/workloads';
import { getIn, nodeRange } from '../../parse/yaml';

/** What is wrong with a label value, or undefined when the API server accepts it. */
function problem(v: string): string | undefined {
  if (v.length > 63) return 'is longer than 63 characters';
  if (v && !/^[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9])?$/.test(v))
    return 'must start and end with a letter or digit and hold only letters, digits, `-`, `_` and `.`';
  return undefined;
}

/** Label values the API server rejects. */
export const rule = defineRule({
  id: 'k8s/label-values',
  title: 'Invalid label value',
  severity: 'error',
  appliesTo: ['manifest'],
  aliases: ['kube-score:label-values'],
  docs: `A label value is empty or at most 63 characters of letters, digits, \`-\`, \`_\` and \`.\`, starting and ending with a
letter or digit. The API server rejects the object otherwise (a version such as \`v1.2.3+build\`, a URL, a sentence).
Reported on the value, in the object's labels and in the pod template's.`,
  remediation: 'Shorten the value or replace the forbidden characters (or move it to an annotation, which may hold any text).',
  check(ctx) {
    const out: Finding[] = [];
    for (const obj of ctx.doc.objects) {
      const maps = [getIn(obj.root, ['metadata', 'labels'])];
      const spec = podSpecOf(obj);
      if (spec && spec.path.length > 1) maps.push(getIn(obj.root, [...spec.path.slice(0, -1), 'metadata', 'labels']));
      for (const m of maps) {
        if (!isMap(m)) continue;
        for (const item of m.items) {
          if (!isPair(item) || !isScalar(item.value) || typeof item.value.value !== 'string') continue;
          const v = item.value.value;
          if (v.includes('{{') || v.includes('${')) continue;
          const why = problem(v);
          const range = why ? nodeRange(ctx.doc.lines, item.value) : undefined;
          if (range) out.push({ message: `Label value "${v}" ${why ?? ''}.`, range });
        }
      }
    }
    return out;
  },
});
