import { defineRule } from '../../engine/rule';
import type { Finding, Position, Range } from '../../engine/types';

const PRAGMA = /^#\s*(hadolint\s+(?:global\s+)?ignore\s*=|shipshape-ignore(?:-file)?\b)/;

/** The range of `[start, end)` without its leading and trailing white space. */
function trimmed(text: string, start: number, end: number, lines: { positionAt(o: number): Position }): Range {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start: lines.positionAt(start), end: lines.positionAt(end) };
}

/** Suppression comments in the Dockerfile itself (opt-in). */
export const rule = defineRule({
  id: 'dockerfile/inline-ignore',
  title: 'Inline suppression comment',
  severity: 'info',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL1001'],
  defaultEnabled: false,
  docs: `Some teams want every exception to a rule recorded in one place (\`.shipshape.yaml\` or the CI configuration)
rather than scattered through Dockerfiles. When turned on, this rule flags each inline suppression comment:
Shipshape's own (\`# shipshape-ignore …\`, \`# shipshape-ignore-file …\`) and hadolint's (\`# hadolint ignore=…\`,
\`# hadolint global ignore=…\`), which Shipshape also honours. Like hadolint's DL1001 it is off by default; turn
it on with a severity (\`dockerfile/inline-ignore: warning\`).`,
  remediation: 'Move the exception into `.shipshape.yaml` (turn the rule off or down for that file) and delete the comment.',
  check(ctx) {
    const out: Finding[] = [];
    const lines = ctx.doc.lines;
    // The parser reads a comment on the first lines as a directive when it holds an `=`.
    for (const c of [...ctx.doc.ast.getDirectives(), ...ctx.doc.ast.getComments()]) {
      const range = lines.lineRange(c.getRange().start.line);
      const text = ctx.doc.text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end)).trim();
      if (PRAGMA.test(text))
        out.push({
          message: `Inline suppression "${text.slice(0, 60)}"; record the exception in the configuration instead.`,
          range: trimmed(ctx.doc.text, lines.offsetAt(range.start), lines.offsetAt(range.end), lines),
        });
    }
    return out;
  },
});
