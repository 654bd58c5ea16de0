import { defineRule } from '../../engine/rule';
import type { Finding, Range } from '../../engine/types';
import { modelOf } from '../../dockerfile/util';

/** A stage cannot copy from itself. */
export const rule = defineRule({
  id: 'dockerfile/copy-from-own-stage',
  title: 'COPY --from its own stage',
  severity: 'error',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3023'],
  docs: `\`COPY --from=app\` inside the stage \`app\` refers to the stage being built, which does not exist yet; the
build fails. Copy within the stage with a plain \`COPY\` or \`RUN cp\`, or from another stage.`,
  remediation: 'Copy from a different, earlier stage.',
  check(ctx) {
    const out: Finding[] = [];
    const m = modelOf(ctx);
    for (const di of m.instructions) {
      if (di.keyword !== 'COPY') continue;
      const flag = (di.ins as unknown as { getFlags(): { getName(): string; getValue(): string | null; getValueRange(): Range | null }[] })
        .getFlags()
        .find((f) => f.getName() === 'from');
      const v = flag?.getValue()?.toLowerCase();
      const own = m.stages[di.stage];
      if (!flag || !v || !own) continue;
      if (own.name?.toLowerCase() === v || v === String(di.stage))
        out.push({ message: `This stage cannot copy from itself ("${v}").`, range: flag.getValueRange() ?? di.range });
    }
    return out;
  },
});
