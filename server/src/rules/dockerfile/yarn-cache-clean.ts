import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { modelOf, nameRange } from '../../dockerfile/util';

/** yarn v1 keeps its package cache in the layer. */
export const rule = defineRule({
  id: 'dockerfile/yarn-cache-clean',
  title: 'yarn install without yarn cache clean',
  severity: 'info',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3060'],
  docs: `\`yarn install\` (v1) stores every package in its global cache, which stays in the layer. Run \`yarn cache
clean\` in the same \`RUN\`, or use a cache mount. Only the final stage is checked.`,
  remediation: 'End the RUN with `&& yarn cache clean`.',
  check(ctx) {
    const out: Finding[] = [];
    const m = modelOf(ctx);
    for (const r of m.runs) {
      if (r.di.stage !== m.stages.length - 1) continue;
      const inst = r.commands.find(
        (c) =>
          c.name === 'yarn' &&
          (c.args.length === 0 || ['install', 'add'].includes(c.args.find((a) => !(a.value ?? '-').startsWith('-'))?.value ?? '')) &&
          !c.args.some((a) => a.value === '--version'),
      );
      if (!inst) continue;
      if (r.commands.some((c) => c.name === 'yarn' && c.args[0]?.value === 'cache' && c.args[1]?.value === 'clean')) continue;
      if (/--mount=\S*type=cache/.test(r.flagText)) continue;
      out.push({ message: 'Run yarn cache clean in the same RUN as yarn install.', range: nameRange(inst) });
    }
    return out;
  },
});
