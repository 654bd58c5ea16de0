import { defineRule } from '../../engine/rule';
import type { Instruction } from 'dockerfile-ast';
import type { RuleContext } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import type { Section } from '../../dockerfile/model';
import { findingsBySection, modelOf } from '../../dockerfile/util';

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

const counts = new WeakMap<Section, { lower: number; upper: number }>();

/** How many keywords of a stage (ONBUILD triggers aside) are lower case and upper case, kept with the stage. */
function countsOf(st: Section): { lower: number; upper: number } {
  let c = counts.get(st);
  if (!c) {
    c = { lower: 0, upper: 0 };
    for (const di of st.instructions) {
      if (di.onbuild) continue;
      const k = di.ins.getInstruction();
      if (k === k.toLowerCase()) c.lower++;
      else if (k === k.toUpperCase()) c.upper++;
    }
    counts.set(st, c);
  }
  return c;
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
    // The counts of each stage, then its findings under the casing that won, are kept with the stage.
    let lowers = 0;
    let uppers = 0;
    for (const st of modelOf(ctx).stages) {
      const c = countsOf(st);
      lowers += c.lower;
      uppers += c.upper;
    }
    const lower = lowers > uppers;
    return findingsBySection(ctx, `dockerfile/instruction-casing ${lower}`, (st) => {
      const out: Finding[] = [];
      if (st.index < 0) return out;
      for (const di of st.instructions) {
        if (di.onbuild) continue;
        const k = di.ins.getInstruction();
        const want = lower ? k.toLowerCase() : k.toUpperCase();
        if (k !== want)
          out.push({
            message: `"${k}" should be ${lower ? 'lower' : 'upper'} case like the rest of the file.`,
            range: di.ins.getInstructionRange(),
          });
      }
      return out;
    });
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
