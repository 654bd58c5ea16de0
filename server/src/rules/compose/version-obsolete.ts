import { defineRule } from '../../engine/rule';

/** The top-level `version:` of a Compose file: ignored since Compose v2, and a warning at every run. */
export const rule = defineRule({
  id: 'compose/version-obsolete',
  title: 'Obsolete Compose `version`',
  severity: 'info',
  fixApplicability: 'safe',
  appliesTo: ['compose'],
  aliases: [],
  docs: `The Compose Specification made the top-level \`version:\` key informative only: Docker Compose v2 ignores it
and prints "the attribute \`version\` is obsolete" on every run. The file's features decide how it is read, not the
number. The fix removes the line.`,
  remediation: 'Delete the `version:` line.',
  check(ctx) {
    const v = ctx.doc.model.version;
    return v ? [{ message: 'The top-level `version` is obsolete: Compose ignores it.', range: v.keyRange }] : [];
  },
  fix(ctx) {
    const v = ctx.doc.model.version;
    if (!v) return undefined;
    const lines = ctx.doc.lines;
    if (v.range.start.character !== 0) return undefined;
    // The whole lines of the pair, with their line break.
    const start = lines.lineStart(v.range.start.line);
    const endLine = v.range.end.line;
    const end = endLine + 1 < lines.lineCount ? lines.lineStart(endLine + 1) : lines.lineEnd(endLine);
    return { title: 'Remove the obsolete `version`', edits: [{ range: lines.range(start, end), newText: '' }] };
  },
});
