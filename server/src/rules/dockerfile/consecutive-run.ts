import { defineRule, type RuleContext } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import type { DfInstruction, DockerModel, RunInfo } from '../../dockerfile/model';
import { findingsBySection, modelOf } from '../../dockerfile/util';

/** Pairs of RUNs that follow each other directly, with the same flags, in shell form, without heredocs. */
function mergeablePairs(ctx: RuleContext<'dockerfile'>): [DfInstruction, DfInstruction][] {
  const m = modelOf(ctx);
  return mergeable(m.instructions, runsByInstruction(m));
}

function runsByInstruction(m: DockerModel): ReadonlyMap<DfInstruction, RunInfo> {
  return new Map(m.runs.map((r) => [r.di, r] as const));
}

/** The pairs of `instructions` (the whole file's, or one section's) that could be one `RUN`. */
function mergeable(instructions: readonly DfInstruction[], runOf: ReadonlyMap<DfInstruction, RunInfo>): [DfInstruction, DfInstruction][] {
  const out: [DfInstruction, DfInstruction][] = [];
  const list = instructions.filter((i) => !i.onbuild);
  for (let i = 1; i < list.length; i++) {
    const a = runOf.get(list[i - 1]!);
    const b = runOf.get(list[i]!);
    if (!a || !b || a.di.stage !== b.di.stage || a.flagText !== b.flagText || a.execForm || b.execForm) continue;
    // Heredoc RUNs and RUNs the shell parser did not analyse are left alone.
    if (!a.analysed || !b.analysed || a.heredoc || b.heredoc) continue;
    // A RUN of more than two commands is already a consolidated step; splitting next to it is deliberate.
    if (a.commands.length > 2 || b.commands.length > 2) continue;
    out.push([a.di, b.di]);
  }
  return out;
}

/** Every RUN adds a layer; a chain of them is usually one step. */
export const rule = defineRule({
  id: 'dockerfile/consecutive-run',
  title: 'Consecutive RUN instructions',
  severity: 'hint',
  fixApplicability: 'unsafe',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3059'],
  docs: `Each \`RUN\` creates a layer. Consecutive \`RUN\`s with the same flags can often be one, which makes the
image smaller (files deleted in a later layer still take space in the earlier one) and the build faster.
Keep them apart when the split is deliberate for caching. The quick fix joins the second into the first
with \`&&\` and a line continuation, keeping the comment lines between them. RUNs with heredocs, JSON form or different flags are not flagged, nor is
a pair where either \`RUN\` already runs more than two commands (\`RUN a && b && c\` then \`RUN d\`): the split
next to a consolidated step is taken as deliberate, as hadolint's DL3059 does.`,
  remediation: 'Join the commands into one RUN with `&&`.',
  check(ctx) {
    const m = modelOf(ctx);
    let runOf: ReadonlyMap<DfInstruction, RunInfo> | undefined;
    return findingsBySection(ctx, 'dockerfile/consecutive-run', (st) =>
      mergeable(st.instructions, (runOf ??= runsByInstruction(m))).map(([, b]): Finding => ({
        message: 'This RUN directly follows another RUN; consider joining them.',
        range: b.ins.getInstructionRange(),
      })),
    );
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
    // Comment lines between the two stay, inside the continuation (where Docker ignores them); blank lines go.
    const comments = ctx.doc.text
      .slice(aEnd, lines.offsetAt(b.ins.getRange().start))
      .split(/\r?\n/)
      .filter((l) => l.trim().startsWith('#'))
      .map((l) => `${l}\n`)
      .join('');
    return {
      title: 'Join with the previous RUN',
      edits: [{ range: { start: lines.positionAt(aEnd), end }, newText: ` ${escape}\n${comments}    && ` }],
    };
  },
});
