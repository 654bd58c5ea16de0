import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { modelOf } from '../../dockerfile/util';

/** Stage names are matched case-insensitively; writing them in lower case keeps references unambiguous. */
export const rule = defineRule({
  id: 'dockerfile/stage-name-casing',
  title: 'Stage name is not lower case',
  severity: 'info',
  appliesTo: ['dockerfile'],
  aliases: ['docker:StageNameCasing'],
  docs: `The builder lower-cases stage names: \`FROM golang AS Build\` defines \`build\`, and \`COPY --from=BUILD\` and
\`--target build\` both find it. A name written with capitals suggests a distinction that does not exist and
reads differently from its references. The quick fix lower-cases the name where it is defined; the references
keep working because they are matched without regard to case. Names built from variables are not checked.`,
  remediation: 'Write the stage name in lower case (`AS build`).',
  check(ctx) {
    const out: Finding[] = [];
    for (const st of modelOf(ctx).stages) {
      if (st.name && st.nameRange && !st.name.includes('$') && st.name !== st.name.toLowerCase())
        out.push({ message: `Stage name "${st.name}" should be lower case.`, range: st.nameRange });
    }
    return out;
  },
  fixApplicability: 'safe',
  fix(ctx, finding) {
    const st = modelOf(ctx).stages.find((s) => s.nameRange?.start.line === finding.range.start.line);
    if (!st?.name || !st.nameRange || st.name === st.name.toLowerCase()) return undefined;
    return { title: `Rename to ${st.name.toLowerCase()}`, edits: [{ range: st.nameRange, newText: st.name.toLowerCase() }] };
  },
});
