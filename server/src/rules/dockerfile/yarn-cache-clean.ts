import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import type { RunCommand } from '../../dockerfile/model';
import { nameRange, uncleanedInstalls } from '../../dockerfile/util';

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
    const installs = (c: RunCommand) =>
      c.name === 'yarn' &&
      (c.args.length === 0 || ['install', 'add'].includes(c.args.find((a) => !(a.value ?? '-').startsWith('-'))?.value ?? '')) &&
      !c.args.some((a) => a.value === '--version');
    const cleans = (c: RunCommand) => c.name === 'yarn' && c.args[0]?.value === 'cache' && c.args[1]?.value === 'clean';
    return uncleanedInstalls(ctx, installs, cleans).map((inst): Finding => ({
      message: 'Run yarn cache clean in the same RUN as yarn install.',
      range: nameRange(inst),
    }));
  },
});
