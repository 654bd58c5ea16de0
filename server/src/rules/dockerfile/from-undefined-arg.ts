import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { PREDEFINED_ARGS } from '../../dockerfile/predefined-args';
import { modelOf } from '../../dockerfile/util';

/** A variable in `FROM` that no `ARG` before the first `FROM` declares. */
export const rule = defineRule({
  id: 'dockerfile/from-undefined-arg',
  title: 'FROM uses an undeclared ARG',
  severity: 'warning',
  appliesTo: ['dockerfile'],
  aliases: ['docker:UndefinedArgInFrom'],
  docs: `\`FROM\` (its image and its \`--platform\`) can only use build arguments declared by an \`ARG\` before the first
\`FROM\`, or the ones the builder predefines (\`TARGETPLATFORM\`, \`BUILDPLATFORM\`, \`TARGETOS\`, \`TARGETARCH\`, … and
the proxy variables). Anything else expands to an empty string, usually because of a typo or an \`ARG\` placed
after the \`FROM\` (an \`ARG\` inside a stage is not visible to \`FROM\`), and the image reference silently changes.`,
  remediation: 'Declare the argument with `ARG NAME=default` before the first `FROM`, or fix its name.',
  check(ctx) {
    const out: Finding[] = [];
    const m = modelOf(ctx);
    for (const st of m.stages) {
      for (const v of st.from.getVariables()) {
        const name = v.getName();
        if (!name || m.globalArgs.has(name) || PREDEFINED_ARGS.has(name)) continue;
        out.push({ message: `FROM uses $${name}, which no ARG before the first FROM declares.`, range: v.getNameRange() });
      }
    }
    return out;
  },
});
