import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { modelOf } from '../../dockerfile/util';

const TARGET = /^(\$TARGETPLATFORM|\$\{TARGETPLATFORM\})$/;

/** `FROM --platform=$TARGETPLATFORM` says what a build does anyway. */
export const rule = defineRule({
  id: 'dockerfile/redundant-target-platform',
  title: 'FROM --platform=$TARGETPLATFORM is redundant',
  severity: 'info',
  appliesTo: ['dockerfile'],
  aliases: ['docker:RedundantTargetPlatform', 'hadolint:DL3065'],
  docs: `A stage is built for the target platform unless \`--platform\` says otherwise, so
\`FROM --platform=$TARGETPLATFORM …\` (or \`\${TARGETPLATFORM}\`) changes nothing and suggests to a reader that it
does. Only the flag whose whole value is that one variable is flagged; \`$BUILDPLATFORM\` and constants are
\`dockerfile/from-platform-flag\`'s concern. The quick fix removes the flag.`,
  remediation: 'Remove `--platform=$TARGETPLATFORM`.',
  check(ctx) {
    const out: Finding[] = [];
    for (const st of modelOf(ctx).stages) {
      const flag = st.from.getPlatformFlag();
      if (flag && TARGET.test(flag.getValue() ?? ''))
        out.push({ message: `--platform=${flag.getValue()} is the default and can be removed.`, range: flag.getRange() });
    }
    return out;
  },
  fixApplicability: 'safe',
  fix(ctx, finding) {
    const st = modelOf(ctx).stages.find((s) => s.from.getPlatformFlag()?.getRange().start.line === finding.range.start.line);
    const flag = st?.from.getPlatformFlag();
    if (!flag || !TARGET.test(flag.getValue() ?? '')) return undefined;
    const lines = ctx.doc.lines;
    const start = lines.offsetAt(flag.getRange().start);
    let end = lines.offsetAt(flag.getRange().end);
    while (ctx.doc.text[end] === ' ' || ctx.doc.text[end] === '\t') end++;
    return { title: 'Remove --platform', edits: [{ range: { start: lines.positionAt(start), end: lines.positionAt(end) }, newText: '' }] };
  },
});
