import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { modelOf } from '../../dockerfile/util';

/** A relative WORKDIR depends on every WORKDIR before it. */
export const rule = defineRule({
  id: 'dockerfile/workdir-relative',
  title: 'Relative WORKDIR',
  severity: 'warning',
  fixApplicability: 'unsafe',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3000'],
  docs: `\`WORKDIR app\` is resolved against the previous \`WORKDIR\` (or the base image's), so its meaning changes
when an earlier line or the base image changes. Use an absolute path. Variables and Windows paths
(\`C:\\\\app\`) are not flagged. The quick fix is offered when no earlier \`WORKDIR\` in the stage makes the
intent ambiguous: it prefixes \`/\`.`,
  remediation: 'Use an absolute path: `WORKDIR /app`.',
  check(ctx) {
    const out: Finding[] = [];
    for (const di of modelOf(ctx).instructions) {
      if (di.keyword !== 'WORKDIR') continue;
      const a = di.ins.getArguments()[0];
      const v = a?.getValue().replace(/^["']|["']$/g, '') ?? '';
      if (!a || v.startsWith('/') || v.startsWith('$') || /^[A-Za-z]:[\\/]/.test(v) || v.startsWith('\\')) continue;
      out.push({ message: `WORKDIR "${v}" is relative; use an absolute path.`, range: a.getRange() });
    }
    return out;
  },
  fix(ctx, finding) {
    const m = modelOf(ctx);
    const di = m.instructions.find(
      (i) => i.keyword === 'WORKDIR' && i.ins.getArguments()[0]?.getRange().start.line === finding.range.start.line,
    );
    const a = di?.ins.getArguments()[0];
    if (!di || !a) return undefined;
    const earlier = m.instructions.some((i) => i.keyword === 'WORKDIR' && i.stage === di.stage && i.range.start.line < di.range.start.line);
    if (earlier) return undefined;
    // The whole argument text: a quoted path with spaces is split into several parser arguments.
    const range = di.ins.getArgumentsRange();
    if (!range) return undefined;
    const raw = ctx.doc.text.slice(ctx.doc.lines.offsetAt(range.start), ctx.doc.lines.offsetAt(range.end));
    const quote = /^["']/.test(raw) ? raw[0]! : '';
    if (quote && (raw.length < 2 || !raw.endsWith(quote))) return undefined;
    const inner = quote ? raw.slice(1, -1) : raw;
    if (/["'\\\r\n]/.test(inner)) return undefined;
    return {
      title: `Use /${inner.replace(/^\.\//, '')}`,
      edits: [{ range, newText: `${quote}/${inner.replace(/^\.\//, '')}${quote}` }],
    };
  },
});
