import { defineRule } from '../../engine/rule';
import type { Finding, Range } from '../../engine/types';
import type { Stage } from '../../dockerfile/model';
import { findingsBySection } from '../../dockerfile/util';

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
    // A COPY is held to the stage it is in: what each stage gave is kept with it.
    return findingsBySection(ctx, 'dockerfile/copy-from-own-stage', (own) => {
      const out: Finding[] = [];
      if (own.index < 0) return out;
      const name = (own as Stage).name?.toLowerCase();
      for (const di of own.instructions) {
        if (di.keyword !== 'COPY') continue;
        const flag = (
          di.ins as unknown as { getFlags(): { getName(): string; getValue(): string | null; getValueRange(): Range | null }[] }
        )
          .getFlags()
          .find((f) => f.getName() === 'from');
        const v = flag?.getValue()?.toLowerCase();
        if (!flag || !v) continue;
        if (name === v || v === String(di.stage))
          out.push({ message: `This stage cannot copy from itself ("${v}").`, range: flag.getValueRange() ?? di.range });
      }
      return out;
    });
  },
});
