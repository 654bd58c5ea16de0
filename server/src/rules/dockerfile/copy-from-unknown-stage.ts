import { defineRule } from '../../engine/rule';
import type { Finding, Range } from '../../engine/types';
import { modelOf } from '../../dockerfile/util';

/** `COPY --from=name` must name an earlier stage (or be an image reference or an index). */
export const rule = defineRule({
  id: 'dockerfile/copy-from-unknown-stage',
  title: 'COPY --from an undefined stage',
  severity: 'warning',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3022'],
  docs: `\`COPY --from=builder\` refers to a stage named \`builder\` defined *earlier* in the file. A name that is not
a stage is pulled as an image, which is rarely intended when it looks like a stage name (no \`/\`, \`:\` or
\`.\`). Image references (\`--from=nginx:1.27\`), numeric stage indexes below the current stage, and variables
are not flagged. Also covers \`RUN --mount=from=…\`.`,
  remediation: 'Define the stage with `FROM … AS name` before this line, or fix the name.',
  check(ctx) {
    const out: Finding[] = [];
    const m = modelOf(ctx);
    for (const di of m.instructions) {
      if (di.keyword !== 'COPY' && di.keyword !== 'ADD') continue;
      const flag = (di.ins as unknown as { getFlags(): { getName(): string; getValue(): string | null; getValueRange(): Range | null }[] })
        .getFlags()
        .find((f) => f.getName() === 'from');
      const v = flag?.getValue();
      if (!flag || !v || v.includes('$') || /[/:.@]/.test(v)) continue;
      if (/^\d+$/.test(v)) {
        if (Number(v) < di.stage) continue;
      } else if (m.stages.some((s) => s.index < di.stage && s.name?.toLowerCase() === v.toLowerCase())) continue;
      else if (m.stages.some((s) => s.index === di.stage && s.name?.toLowerCase() === v.toLowerCase())) continue;
      out.push({ message: `No earlier stage is named "${v}".`, range: flag.getValueRange() ?? di.range });
    }
    return out;
  },
});
