import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { allCommands, nameRange } from '../../dockerfile/util';

/** Re-linking `/bin/sh` changes the shell behind every later RUN without saying so. */
export const rule = defineRule({
  id: 'dockerfile/shell-change-inline',
  title: 'Default shell changed with ln',
  severity: 'warning',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL4005'],
  docs: `\`RUN ln -sf /bin/bash /bin/sh\` swaps the shell that runs every later \`RUN\` (and anything in the
image that calls \`/bin/sh\`). The \`SHELL\` instruction changes the build's shell explicitly and leaves
the image's \`/bin/sh\` alone.`,
  remediation: 'Use `SHELL ["/bin/bash", "-c"]` instead of re-linking /bin/sh.',
  check(ctx) {
    const out: Finding[] = [];
    for (const c of allCommands(ctx)) {
      if (c.name !== 'ln') continue;
      const last = c.args[c.args.length - 1]?.value;
      if (last === '/bin/sh')
        out.push({ message: 'Use SHELL to change the default shell instead of linking /bin/sh.', range: nameRange(c) });
    }
    return out;
  },
});
