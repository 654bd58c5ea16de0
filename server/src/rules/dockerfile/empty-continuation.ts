import { defineRule } from '../../engine/rule';
import type { RuleContext } from '../../engine/rule';
import type { Range } from '../../engine/types';
import type { Instruction } from 'dockerfile-ast';
import { findingsByInstruction } from '../../dockerfile/util';

/** The whitespace-only lines inside continued instructions (heredoc bodies excepted). */
function emptyLines(ctx: RuleContext<'dockerfile'>): Range[] {
  return ctx.doc.ast.getInstructions().flatMap((ins) => emptyLinesOf(ctx, ins));
}

/** The empty lines inside one instruction. */
function emptyLinesOf(ctx: RuleContext<'dockerfile'>, ins: Instruction): Range[] {
  const out: Range[] = [];
  const lines = ctx.doc.lines;
  const r = ins.getRange();
  if (r.end.line === r.start.line) return out;
  const text = ctx.doc.text.slice(lines.offsetAt(r.start), lines.offsetAt(r.end));
  // Empty lines are content in a heredoc.
  if (/<<-?\s*["']?[A-Za-z_]/.test(text)) return out;
  for (let l = r.start.line + 1; l < r.end.line; l++) {
    const range = lines.lineRange(l);
    if (ctx.doc.text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end)).trim() === '') out.push(range);
  }
  return out;
}

/** An empty line inside a line continuation. */
export const rule = defineRule({
  id: 'dockerfile/empty-continuation',
  title: 'Empty line in a continued instruction',
  severity: 'warning',
  appliesTo: ['dockerfile'],
  aliases: ['docker:NoEmptyContinuation'],
  docs: `The builder skips empty lines inside a line continuation, so after \`RUN apt-get install -y \\\` an empty line
does not end the instruction: the next line still belongs to it. A reader sees the opposite, and when the
last \`\\\` of an instruction is left over by mistake, the following instruction is swallowed into it. Docker
announces that empty continuation lines will become errors. Comment lines inside a continuation and the
bodies of heredocs are not flagged. The quick fix deletes the empty line.`,
  remediation: 'Delete the empty line, or end the instruction before it by removing the trailing `\\`.',
  check(ctx) {
    return findingsByInstruction(ctx, 'dockerfile/empty-continuation', (di, out) => {
      if (di.onbuild) return;
      for (const range of emptyLinesOf(ctx, di.ins)) out.push({ message: 'Empty line inside a continued instruction.', range });
    });
  },
  fixApplicability: 'safe',
  fix(ctx, finding) {
    const hit = emptyLines(ctx).find((r) => r.start.line === finding.range.start.line);
    if (!hit) return undefined;
    return {
      title: 'Delete the empty line',
      edits: [{ range: { start: { line: hit.start.line, character: 0 }, end: { line: hit.start.line + 1, character: 0 } }, newText: '' }],
    };
  },
});
