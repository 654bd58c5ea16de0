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
  aliases: ['hadolint:DL4000'],
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
    const value = ins.getRawArgumentsContent()?.trim() ?? '';
    const quoted = JSON.stringify(value.replace(/^"(.*)"$/, '$1'));
    return {
      title: 'Replace MAINTAINER with LABEL maintainer=…',
      edits: [{ range: ins.getRange(), newText: `LABEL maintainer=${quoted}` }],
    };
  },
});
