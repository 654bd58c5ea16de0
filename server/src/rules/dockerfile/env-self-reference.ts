import { defineRule } from '../../engine/rule';
import type { Env } from 'dockerfile-ast';
import { findingsByInstruction } from '../../dockerfile/util';

const references = new Map<string, RegExp>();

/** `$NAME`, `${NAME}` and `${NAME:-…}`-style references to a variable (compiled once per name). */
function referenceTo(name: string): RegExp {
  let re = references.get(name);
  if (!re) {
    if (references.size > 1000) references.clear();
    const n = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    references.set(name, (re = new RegExp(`\\$(\\{${n}([:}]|[-+?])|${n}(?![A-Za-z0-9_]))`)));
  }
  return re;
}

/** Variables set in an ENV are not visible to other values of the same ENV. */
export const rule = defineRule({
  id: 'dockerfile/env-self-reference',
  title: 'ENV refers to a variable it defines',
  severity: 'error',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3044'],
  docs: `In \`ENV A=1 B=$A\` the \`$A\` is expanded *before* the instruction runs, so \`B\` gets the old value of \`A\`
(usually empty), not \`1\`. Split it into two \`ENV\` instructions. Self-extension of an existing variable
(\`ENV PATH=/opt/bin:$PATH\`) is fine and not flagged.`,
  remediation: 'Define the variable in an earlier ENV instruction.',
  check(ctx) {
    return findingsByInstruction(ctx, 'dockerfile/env-self-reference', (di, out) => {
      if (di.keyword !== 'ENV') return;
      const props = (di.ins as Env).getProperties();
      const defined: string[] = [];
      for (const p of props) {
        const v = p.getValue() ?? '';
        for (const name of defined) {
          if (referenceTo(name).test(v)) {
            out.push({
              message: `"${name}" is defined in this same ENV, so its new value is not visible here.`,
              range: p.getValueRange() ?? p.getRange(),
            });
            break;
          }
        }
        defined.push(p.getName());
      }
    });
  },
});
