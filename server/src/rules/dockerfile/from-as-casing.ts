import { defineRule } from '../../engine/rule';
import type { Argument, From } from 'dockerfile-ast';
import type { RuleContext } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import type { Stage } from '../../dockerfile/model';
import { findingsBySection, modelOf } from '../../dockerfile/util';

/** Each `FROM … AS name` whose `AS` is cased differently from its `FROM`, with the casing it should have. */
function mismatches(ctx: RuleContext<'dockerfile'>): { as: Argument; want: string; from: string }[] {
  return modelOf(ctx).stages.flatMap((st) => mismatchOf(st) ?? []);
}

/** {@link mismatches} for one stage. */
function mismatchOf(st: Stage): { as: Argument; want: string; from: string } | undefined {
  const nameRange = st.nameRange;
  if (!nameRange) return undefined;
  const args = (st.from as From).getArguments();
  const at = args.findIndex(
    (a) => a.getRange().start.line === nameRange.start.line && a.getRange().start.character === nameRange.start.character,
  );
  const as = at > 0 ? args[at - 1] : undefined;
  const from = st.from.getInstruction();
  if (!as || as.getValue().toLowerCase() !== 'as') return undefined;
  const want = from === from.toUpperCase() ? 'AS' : from === from.toLowerCase() ? 'as' : undefined;
  return want && as.getValue() !== want ? { as, want, from } : undefined;
}

/** `FROM … as name`: the `AS` keyword should be cased like its `FROM`. */
export const rule = defineRule({
  id: 'dockerfile/from-as-casing',
  title: 'AS is not cased like its FROM',
  severity: 'info',
  appliesTo: ['dockerfile'],
  aliases: ['docker:FromAsCasing'],
  docs: `\`FROM node:22 as build\` mixes an upper-case \`FROM\` with a lower-case \`as\` (and \`from … AS …\` the other way
round), which makes the stage name easy to miss when scanning. The \`AS\` should follow the casing of its \`FROM\`;
a \`FROM\` written in mixed case (\`From\`) is \`dockerfile/instruction-casing\`'s finding and is not checked here. The
quick fix rewrites the keyword.`,
  remediation: 'Write `AS` in the same case as `FROM` (`FROM node:22 AS build`).',
  check(ctx) {
    return findingsBySection(ctx, 'dockerfile/from-as-casing', (st): Finding[] => {
      const m = 'from' in st ? mismatchOf(st as Stage) : undefined;
      return m ? [{ message: `"${m.as.getValue()}" should be "${m.want}" to match "${m.from}".`, range: m.as.getRange() }] : [];
    });
  },
  fixApplicability: 'safe',
  fix(ctx, finding) {
    const m = mismatches(ctx).find((x) => x.as.getRange().start.line === finding.range.start.line);
    return m && { title: `Write ${m.want}`, edits: [{ range: m.as.getRange(), newText: m.want }] };
  },
});
