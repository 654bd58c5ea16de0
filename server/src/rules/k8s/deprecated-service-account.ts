import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { renameKey } from '../../k8s/edit';
import { objectAt, workloads } from '../../k8s/pod';
import { podSpecOf } from '../../k8s/workloads';
import { findPair, nodeRange } from '../../parse/yaml';

/** The deprecated `serviceAccount` field of a pod spec. */
export const rule = defineRule({
  id: 'k8s/deprecated-service-account',
  title: 'Deprecated serviceAccount field',
  severity: 'warning',
  appliesTo: ['manifest'],
  aliases: ['kube-linter:deprecated-service-account-field'],
  docs: `\`serviceAccount\` is the deprecated alias of \`serviceAccountName\` in a pod spec. The API server copies it
over only when \`serviceAccountName\` is empty, so when both are set and differ, which one the pod runs as surprises
someone. The quick fix renames the key to \`serviceAccountName\` when that is not set (the pod keeps its service
account, so the fix is safe).`,
  remediation: 'Use `serviceAccountName` instead of `serviceAccount`.',
  check(ctx) {
    const out: Finding[] = [];
    for (const w of workloads(ctx.doc)) {
      const pair = findPair(w.pod, 'serviceAccount');
      const range = nodeRange(ctx.doc.lines, pair?.key);
      if (range) out.push({ message: '`serviceAccount` is deprecated; use `serviceAccountName`.', range, data: { doc: w.obj.docIndex } });
    }
    return out;
  },
  fixApplicability: 'safe',
  fix(ctx, finding) {
    const obj = objectAt(ctx.doc, (finding.data as { doc?: unknown } | undefined)?.doc);
    const spec = obj && podSpecOf(obj);
    if (!spec || findPair(spec.node, 'serviceAccountName')) return undefined;
    const pair = findPair(spec.node, 'serviceAccount');
    const edit = pair && renameKey(ctx.doc.lines, pair, 'serviceAccountName');
    return edit ? { title: 'Rename to serviceAccountName', edits: [edit] } : undefined;
  },
});
