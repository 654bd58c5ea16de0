import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import type { DfInstruction, Stage } from '../../dockerfile/model';
import { findingsByInstruction, modelOf } from '../../dockerfile/util';

function absolute(v: string): boolean {
  return v.startsWith('/') || v.startsWith('$') || /^[A-Za-z]:[\\/]/.test(v) || v.startsWith('\\');
}

/** An absolute `WORKDIR` before `di` in its stage, or in the stages that stage is built `FROM`. */
function absoluteBefore(stages: readonly Stage[], di: DfInstruction): boolean {
  let st: Stage | undefined = stages[di.stage];
  let before = di.range.start.line;
  for (let depth = 0; st && depth < 20; depth++) {
    const found = st.instructions.some(
      (i) => i.keyword === 'WORKDIR' && !i.onbuild && i.range.start.line < before && absolute(i.ins.getArguments()[0]?.getValue() ?? ''),
    );
    if (found) return true;
    const parent: string | undefined = st.image?.isStage ? st.image.text.toLowerCase() : undefined;
    const index: number = st.index;
    st = parent === undefined ? undefined : stages.find((s) => s.index < index && s.name?.toLowerCase() === parent);
    before = Infinity;
  }
  return false;
}

/** A relative WORKDIR depends on every WORKDIR before it. */
export const rule = defineRule({
  id: 'dockerfile/workdir-relative',
  title: 'Relative WORKDIR',
  severity: 'warning',
  fixApplicability: 'unsafe',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3000', 'docker:WorkdirRelativePath'],
  options: {
    afterAbsolute: {
      type: 'boolean',
      default: true,
      description:
        "Also flag a relative `WORKDIR` that follows an absolute one in the same stage (or the stages it is built `FROM`), as hadolint's DL3000 does. `false`: Docker's `WorkdirRelativePath` behaviour, which flags only a relative `WORKDIR` with no absolute one before it.",
    },
  },
  docs: `\`WORKDIR app\` is resolved against the previous \`WORKDIR\` (or the base image's), so its meaning changes
when an earlier line or the base image changes. Use an absolute path. Variables and Windows paths
(\`C:\\\\app\`) are not flagged. The quick fix is offered when no earlier \`WORKDIR\` in the stage makes the
intent ambiguous: it prefixes \`/\`.

By default every relative \`WORKDIR\` is flagged, as hadolint's DL3000 does. Docker's build check
\`WorkdirRelativePath\` flags one only when no absolute \`WORKDIR\` comes before it in the build of that stage, since
the earlier one already fixes the base; \`afterAbsolute: false\` selects that behaviour.`,
  remediation: 'Use an absolute path: `WORKDIR /app`.',
  check(ctx) {
    const m = modelOf(ctx);
    const afterAbsolute = ctx.settings.option<boolean>('afterAbsolute') !== false;
    const find = (di: DfInstruction, out: Finding[]) => {
      if (di.keyword !== 'WORKDIR') return;
      const a = di.ins.getArguments()[0];
      const v = a?.getValue().replace(/^["']|["']$/g, '') ?? '';
      if (!a || absolute(v)) return;
      if (!afterAbsolute && absoluteBefore(m.stages, di)) return;
      out.push({ message: `WORKDIR "${v}" is relative; use an absolute path.`, range: a.getRange() });
    };
    if (afterAbsolute) return findingsByInstruction(ctx, 'dockerfile/workdir-relative', find);
    // An absolute WORKDIR in the stages a stage is built from counts: nothing is kept per section.
    const out: Finding[] = [];
    for (const di of m.instructions) find(di, out);
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
