/** The shared check of the "only the last one counts" instructions (CMD, ENTRYPOINT, HEALTHCHECK). */
import type { RuleContext } from '../engine/rule';
import type { Finding } from '../engine/types';
import { findingsBySection } from './util';

/** Every occurrence of `keyword` in a stage (or before the first `FROM`) except the last, which is the one that takes effect. */
export function earlierDuplicates(ctx: RuleContext<'dockerfile'>, keyword: string): Finding[] {
  return findingsBySection(ctx, `earlier-duplicates:${keyword}`, (st) => {
    const out: Finding[] = [];
    const all = st.instructions.filter((i) => i.keyword === keyword && !i.onbuild);
    for (const di of all.slice(0, -1)) {
      out.push({
        message: `Only the last ${keyword} of a stage takes effect; this one is overridden.`,
        range: di.ins.getInstructionRange(),
      });
    }
    return out;
  });
}
