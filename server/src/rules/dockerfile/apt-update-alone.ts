import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { subcommand } from '../../dockerfile/model';
import { modelOf, nameRange } from '../../dockerfile/util';

/** A RUN that only runs `apt-get update` caches stale lists for every later install. */
export const rule = defineRule({
  id: 'dockerfile/apt-update-alone',
  title: 'apt-get update alone in its RUN',
  severity: 'warning',
  appliesTo: ['dockerfile'],
  aliases: [],
  docs: `Docker caches each \`RUN\` layer by its text. When \`apt-get update\` sits alone in its own \`RUN\`, that
layer is reused on later builds while the \`apt-get install\` below it changes, so installs run against
outdated package lists and fail or install old versions. Update and install belong in one \`RUN\`.`,
  remediation: 'Merge `apt-get update` into the RUN that installs: `RUN apt-get update && apt-get install -y …`.',
  check(ctx) {
    const out: Finding[] = [];
    for (const r of modelOf(ctx).runs) {
      const cmds = r.commands.filter((c) => !c.cmd.inSubstitution && c.name !== 'set');
      if (cmds.length !== 1) continue;
      const c = cmds[0]!;
      if ((c.name === 'apt-get' || c.name === 'apt') && subcommand(c, ['-o'])?.sub === 'update')
        out.push({ message: 'apt-get update alone in a RUN leaves a cached layer with stale package lists.', range: nameRange(c) });
    }
    return out;
  },
});
