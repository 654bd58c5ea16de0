import { defineRule } from '../../engine/rule';
import type { Instruction } from 'dockerfile-ast';
import type { RuleContext } from '../../engine/rule';
import type { Finding } from '../../engine/types';

/** The instructions of the build stages (from the first `FROM` on) and the casing most of them use. */
function casing(ctx: RuleContext<'dockerfile'>): { instructions: Instruction[]; lower: boolean } {
  const all = ctx.doc.ast.getInstructions();
  const first = all.findIndex((i) => i.getKeyword() === 'FROM');
  const instructions = first < 0 ? [] : all.slice(first);
  let lower = 0;
  let upper = 0;
  for (const i of instructions) {
    const k = i.getInstruction();
    if (k === k.toLowerCase()) lower++;
    else if (k === k.toUpperCase()) upper++;
  }
  return { instructions, lower: lower > upper };
}

/** Instruction keywords should all be upper case or all lower case. */
export const rule = defineRule({
  id: 'dockerfile/instruction-casing',
  title: 'Inconsistent instruction casing',
  severity: 'info',
  appliesTo: ['dockerfile'],
  aliases: ['docker:ConsistentInstructionCasing'],
  docs: `Instruction keywords are case-insensitive, but a file that mixes \`RUN\` with \`run\`, or writes \`Copy\`, is
harder to scan. The casing most keywords of the build stages use wins (upper case on a tie); each keyword that
differs from it, and each mixed-case keyword, is flagged. As in Docker's build check, the \`ARG\`s before the
first \`FROM\` are neither counted nor flagged. The quick fix rewrites the keyword.`,
  remediation: 'Write every instruction keyword in the same casing, normally upper case (`RUN`, `COPY`).',
  check(ctx) {
    const out: Finding[] = [];
    const { instructions, lower } = casing(ctx);
    for (const i of instructions) {
      const k = i.getInstruction();
      const want = lower ? k.toLowerCase() : k.toUpperCase();
      if (k !== want)
        out.push({
          message: `"${k}" should be ${lower ? 'lower' : 'upper'} case like the rest of the file.`,
          range: i.getInstructionRange(),
        });
    }
    return out;
  },
  fixApplicability: 'safe',
  fix(ctx, finding) {
    const { instructions, lower } = casing(ctx);
    const i = instructions.find((x) => x.getInstructionRange().start.line === finding.range.start.line);
    if (!i) return undefined;
    const k = i.getInstruction();
    const want = lower ? k.toLowerCase() : k.toUpperCase();
    if (k === want) return undefined;
    return { title: `Write ${want}`, edits: [{ range: i.getInstructionRange(), newText: want }] };
  },
});
