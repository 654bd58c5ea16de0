import { isMap } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding, TextEdit } from '../../engine/types';
import { indentStyle, mergeIntoMap, replaceNode } from '../../k8s/edit';
import { dig, objectAt, selectorMatches } from '../../k8s/pod';
import { findPair, getIn, keyRange, nodeRange } from '../../parse/yaml';

const KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

/** Which selector key is at fault. */
interface SelectorData {
  doc: number;
  key: string;
}

/** A controller whose selector does not match its own pod template never manages its pods. */
export const rule = defineRule({
  id: 'k8s/selector-mismatch',
  title: 'Selector does not match the pod template labels',
  severity: 'error',
  fixApplicability: 'unsafe',
  appliesTo: ['manifest'],
  aliases: [
    'kube-linter:mismatching-selector',
    'kube-score:deployment-pod-selector-labels-match-template-metadata-labels',
    'kube-score:statefulset-pod-selector-labels-match-template-metadata-labels',
  ],
  docs: `A Deployment, StatefulSet, DaemonSet or ReplicaSet must select the pods its template creates; the API
server rejects the object ("selector does not match template labels"). Each \`matchLabels\` entry the template
lacks or sets differently is reported on its value. Since a selector cannot change after creation, the quick
fix changes the selector value when the template has the label, and otherwise adds the label to the template.`,
  remediation: 'Make every `spec.selector.matchLabels` entry appear, with the same value, in `spec.template.metadata.labels`.',
  check(ctx) {
    const out: Finding[] = [];
    for (const obj of ctx.doc.objects) {
      if (!obj.kind || !KINDS.has(obj.kind)) continue;
      const selector = getIn(obj.root, ['spec', 'selector']);
      if (!isMap(selector)) continue;
      // An object YAML cannot turn into data as a whole (a `{{replicas}}` elsewhere in it) still has readable labels.
      const labelsNode = getIn(obj.root, ['spec', 'template', 'metadata', 'labels']);
      const labels = (
        obj.value ? dig(obj.value, 'spec', 'template', 'metadata', 'labels') : isMap(labelsNode) ? labelsNode.toJSON() : undefined
      ) as Record<string, unknown> | undefined;
      const sel = selector.toJSON() as Record<string, unknown>;
      if (JSON.stringify(sel).includes('{{')) continue;
      let reported = false;
      const ml = getIn(selector, ['matchLabels']);
      if (isMap(ml)) {
        for (const pair of ml.items) {
          const key = String((pair.key as { value?: unknown }).value);
          const want = (pair.value as { toJSON?: () => unknown } | null)?.toJSON?.();
          const have = labels?.[key];
          if (have !== undefined && String(have) === String(want)) continue;
          const range = nodeRange(ctx.doc.lines, pair.value) ?? nodeRange(ctx.doc.lines, pair.key);
          const data: SelectorData = { doc: obj.docIndex, key };
          const why = have === undefined ? 'the pod template has no such label' : `the template says "${String(have)}"`;
          if (range) out.push({ message: `Selector ${key}: ${String(want)} does not match the pod template: ${why}.`, range, data });
          reported = true;
        }
      }
      if (!reported && !selectorMatches(sel, labels)) {
        const range = keyRange(ctx.doc.lines, getIn(obj.root, ['spec']), 'selector');
        if (range) out.push({ message: 'The selector does not match the pod template labels.', range });
      }
    }
    return out;
  },
  fix(ctx, finding) {
    const d = finding.data as Partial<SelectorData> | undefined;
    if (!d || typeof d.key !== 'string') return undefined;
    const obj = objectAt(ctx.doc, d.doc);
    if (!obj) return undefined;
    const ml = getIn(obj.root, ['spec', 'selector', 'matchLabels']);
    const selPair = findPair(ml, d.key);
    if (!selPair) return undefined;
    const labels = getIn(obj.root, ['spec', 'template', 'metadata', 'labels']);
    const tplPair = findPair(labels, d.key);
    let edits: TextEdit[] = [];
    if (tplPair?.value) {
      const e = replaceNode(
        ctx.doc.lines,
        selPair.value,
        ctx.doc.text.slice(...(tplPair.value as unknown as { range: [number, number] }).range).trim(),
      );
      if (e) edits = [e];
      return edits.length ? { title: `Set the selector's ${d.key} to the template's value`, edits } : undefined;
    }
    const template = getIn(obj.root, ['spec', 'template']);
    if (!isMap(template)) return undefined;
    const value = (selPair.value as { toJSON?: () => unknown } | null)?.toJSON?.();
    edits = mergeIntoMap(ctx.doc.lines, template, { metadata: { labels: { [d.key]: value } } }, indentStyle(ctx.doc.text));
    return edits.length ? { title: `Add the label ${d.key} to the pod template`, edits } : undefined;
  },
});
