import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { fromFacts, substitute } from '../../dockerfile/model';
import { PREDEFINED_ARGS } from '../../dockerfile/predefined-args';
import { modelOf } from '../../dockerfile/util';

const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN = '(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\\[[0-9A-Fa-f:]+\\])(?::\\d+)?';
/** An image reference as the builder parses it: `[domain/]path[:tag][@digest]`. */
const REFERENCE = new RegExp(
  `^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`,
);

/** A `FROM` built from `ARG`s whose defaults give no valid image reference. */
export const rule = defineRule({
  id: 'dockerfile/from-invalid-default-arg',
  title: 'FROM is not a valid image with the ARG defaults',
  severity: 'warning',
  appliesTo: ['dockerfile'],
  aliases: ['docker:InvalidDefaultArgInFrom'],
  docs: `When \`FROM\` is built from arguments (\`FROM alpine:\${TAG}\`), a plain \`docker build\` without \`--build-arg\` uses
their defaults. If that gives no valid image reference (\`ARG TAG\` without a default makes \`alpine:\`, an empty
name, or a name with capitals), the build fails unless every caller passes the argument. Each \`FROM\` that uses
a variable is expanded with the defaults of the \`ARG\`s before the first \`FROM\` (an undeclared or default-less
one as empty, the predefined platform arguments as \`linux/amd64\`) and checked as an image reference. Names of
earlier stages are accepted.`,
  remediation: 'Give the argument a default that makes a valid image (`ARG TAG=3.20`), or use `${TAG:-3.20}` in `FROM`.',
  check(ctx) {
    const out: Finding[] = [];
    const m = modelOf(ctx);
    const vars = new Map<string, string | undefined>(PREDEFINED_ARGS);
    for (const [k, v] of m.globalArgs) vars.set(k, v ?? '');
    const stages = new Set<string>();
    for (const st of m.stages) {
      const { raw, imageRange: range } = fromFacts(st.from);
      if (raw && range && raw.includes('$')) {
        const text = substitute(raw, vars).text;
        if (!stages.has(text.toLowerCase()) && !REFERENCE.test(text))
          out.push({ message: `With the ARG defaults, FROM ${raw} is "${text}", which is not a valid image reference.`, range });
      }
      if (st.name) stages.add(st.name.toLowerCase());
    }
    return out;
  },
});
