import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { copyArguments } from '../../dockerfile/model';
import { modelOf } from '../../dockerfile/util';

/** `COPY --from=builder / /` drags the whole builder filesystem into the image. */
export const rule = defineRule({
  id: 'dockerfile/copy-whole-stage',
  title: 'COPY of a whole stage',
  severity: 'warning',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3067'],
  docs: `Copying \`/\` from another stage brings its compilers, caches, package lists and secrets along, undoing
the point of a multi-stage build. Copy only the artefacts you need (\`COPY --from=build /app/bin /usr/local/bin/\`).
Stages based on \`scratch\` are not flagged, since they usually hold exactly the artefacts.

hadolint's DL3067 flags \`COPY --from=… / /\` only. This rule also flags \`/.\` and \`/*\` as the source and any
destination (\`COPY --from=build / /rootfs\` copies the same filesystem), and deliberately leaves out \`scratch\`
stages, which hadolint flags.`,
  remediation: 'Copy only the built artefacts, not `/`.',
  check(ctx) {
    const out: Finding[] = [];
    const m = modelOf(ctx);
    for (const di of m.instructions) {
      if (di.keyword !== 'COPY') continue;
      const from = (di.ins as unknown as { getFlags(): { getName(): string; getValue(): string | null }[] })
        .getFlags()
        .find((f) => f.getName() === 'from')
        ?.getValue();
      if (!from) continue;
      const src = m.stages.find((s) => s.name?.toLowerCase() === from.toLowerCase() || String(s.index) === from);
      if (src?.image?.isScratch) continue;
      const args = copyArguments(di.ins);
      for (const a of args.slice(0, -1)) {
        if (['/', '/.', '/*'].includes(a.getValue()))
          out.push({ message: `This copies the whole filesystem of "${from}".`, range: a.getRange() });
      }
    }
    return out;
  },
});
