import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { modelOf } from '../../dockerfile/util';

const RESERVED = new Set(['scratch', 'context']);

/** `scratch` and `context` have special meanings. */
export const rule = defineRule({
  id: 'dockerfile/reserved-stage-name',
  title: 'Reserved stage name',
  severity: 'warning',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3063', 'docker:ReservedStageName'],
  docs: `\`scratch\` is the empty image and \`context\` names the build context in \`--from\` and named contexts. A stage
called either shadows that meaning, so \`FROM scratch\` or \`COPY --from=context\` later in the file do
something unexpected.`,
  remediation: 'Rename the stage.',
  check(ctx) {
    const out: Finding[] = [];
    for (const st of modelOf(ctx).stages) {
      if (st.name && st.nameRange && RESERVED.has(st.name.toLowerCase()))
        out.push({ message: `"${st.name}" is a reserved name.`, range: st.nameRange });
    }
    return out;
  },
});
