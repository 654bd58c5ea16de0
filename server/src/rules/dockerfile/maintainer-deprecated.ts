import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { modelOf } from '../../dockerfile/util';

/** `MAINTAINER` has been deprecated since Docker 1.13; `LABEL maintainer=` replaces it. */
export const rule = defineRule({
  id: 'dockerfile/maintainer-deprecated',
  title: 'MAINTAINER is deprecated',
  severity: 'warning',
  fixApplicability: 'safe',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL4000', 'docker:MaintainerDeprecated'],
  docs: `The \`MAINTAINER\` instruction is deprecated. Its value is not visible to tools that read image labels;
\`LABEL maintainer="…"\` (or the OCI \`org.opencontainers.image.authors\` label) is the supported way.`,
  remediation: 'Replace `MAINTAINER name` with `LABEL maintainer="name"`.',
  check(ctx) {
    const out: Finding[] = [];
    for (const di of modelOf(ctx).instructions) {
      if (di.keyword !== 'MAINTAINER' || di.onbuild) continue;
      out.push({ message: 'MAINTAINER is deprecated; use LABEL maintainer="…".', range: di.ins.getInstructionRange() });
    }
    return out;
  },
  fix(ctx, finding) {
    const ins = ctx.doc.ast
      .getInstructions()
      .find((i) => i.getKeyword() === 'MAINTAINER' && i.getRange().start.line === finding.range.start.line);
    if (!ins) return undefined;
    const range = ins.getRange();
    const raw = ctx.doc.text.slice(ctx.doc.lines.offsetAt(range.start), ctx.doc.lines.offsetAt(range.end));
    const escape = ctx.doc.ast.getEscapeCharacter();
    // Comment lines inside the continuation are kept, above the LABEL; the other lines are joined as
    // Docker joins them (the escape and the line break removed).
    const lines = raw.split(/\r?\n/);
    const comments = lines.slice(1).filter((l) => l.trim().startsWith('#'));
    const joined = lines
      .filter((l, i) => i === 0 || !l.trim().startsWith('#'))
      .map((l) => (l.endsWith(escape) ? l.slice(0, -1) : l))
      .join('')
      .replace(/^\s*\S+/, '')
      .trim();
    // LABEL expands variables and MAINTAINER does not: a `$` stays literal.
    const quoted = JSON.stringify(joined.replace(/^"(.*)"$/, '$1')).replace(/\$/g, '\\$');
    const indent = ' '.repeat(range.start.character);
    return {
      title: 'Replace MAINTAINER with LABEL maintainer=…',
      edits: [{ range, newText: `${comments.map((c) => `${c.trimStart()}\n${indent}`).join('')}LABEL maintainer=${quoted}` }],
    };
  },
});
