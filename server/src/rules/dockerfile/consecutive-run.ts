import { defineRule, type RuleContext } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import type { DfInstruction } from '../../dockerfile/model';
import { modelOf } from '../../dockerfile/util';

/** Pairs of RUNs that follow each other directly, with the same flags, in shell form, without heredocs. */
function mergeablePairs(ctx: RuleContext<'dockerfile'>): [DfInstruction, DfInstruction][] {
  const m = modelOf(ctx);
  const out: [DfInstruction, DfInstruction][] = [];
  const list = m.instructions.filter((i) => !i.onbuild);
  for (let i = 1; i < list.length; i++) {
    const a = list[i - 1]!;
    const b = list[i]!;
    if (a.keyword !== 'RUN' || b.keyword !== 'RUN' || a.stage !== b.stage) continue;
    const flags = (x: DfInstruction) =>
      (x.ins as unknown as { getFlags(): { toString(): string }[] })
        .getFlags()
        .map((f) => f.toString())
        .join(' ');
    if (flags(a) !== flags(b)) continue;
    const raw = (x: DfInstruction) => x.ins.getRawArgumentsContent()?.trim() ?? '';
    if (raw(a).startsWith('[') || raw(b).startsWith('[') || /<<-?\s*['"]?\w/.test(raw(a) + raw(b))) continue;
    out.push([a, b]);
  }
  return out;
}

/** Every RUN adds a layer; a chain of them is usually one step. */
export const rule = defineRule({
  id: 'dockerfile/consecutive-run',
  title: 'Consecutive RUN instructions',
  severity: 'hint',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3059'],
  docs: `Each \`RUN\` creates a layer. Consecutive \`RUN\`s with the same flags can often be one, which makes the
image smaller (files deleted in a later layer still take space in the earlier one) and the build faster.
Keep them apart when the split is deliberate for caching. The quick fix joins the second into the first
with \`&&\` and a line continuation. RUNs with heredocs, JSON form or different flags are not flagged.`,
  remediation: 'Join the commands into one RUN with `&&`.',
  check(ctx) {
    return mergeablePairs(ctx).map(([, b]): Finding => ({
      message: 'This RUN directly follows another RUN; consider joining them.',
      range: b.ins.getInstructionRange(),
    }));
  },
  fix(ctx, finding) {
    const pair = mergeablePairs(ctx).find(([, b]) => b.ins.getInstructionRange().start.line === finding.range.start.line);
    if (!pair) return undefined;
    const [a, b] = pair;
    const lines = ctx.doc.lines;
    const aEnd = lines.offsetAt(a.ins.getRange().end);
    const bArgs = b.ins.getArguments()[0];
    if (!bArgs) return undefined;
    const bStart = lines.offsetAt(bArgs.getRange().start);
    const escape = ctx.doc.ast.getEscapeCharacter();
    const end = lines.positionAt(bStart);
    return {
      title: 'Join with the previous RUN',
      edits: [{ range: { start: lines.positionAt(aEnd), end }, newText: ` ${escape}\n    && ` }],
    };
  },
});
