import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { hasFlag, subcommand } from '../../dockerfile/model';
import { aptBool, aptOption } from '../../dockerfile/apt';
import { allCommands, commandAt, fixOf, insertAfter, modelOf, onName } from '../../dockerfile/util';

/** `apt-get install` pulls in recommended packages unless told not to. */
export const rule = defineRule({
  id: 'dockerfile/apt-no-install-recommends',
  title: 'apt-get install without --no-install-recommends',
  severity: 'info',
  fixApplicability: 'unsafe',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3015'],
  docs: `By default apt also installs every *recommended* package, which often doubles the size of the layer
with documentation, GUI helpers and tools the image never uses. \`--no-install-recommends\` installs only
what the listed packages depend on. Setting \`APT::Install-Recommends\` to false (\`false\`, \`0\`, \`no\`, \`off\`, as apt reads booleans) is accepted too,
with \`-o\` on the command or in an \`/etc/apt/apt.conf.d\` file that the stage (or a stage it is built \`FROM\`)
writes before the install (\`RUN echo 'APT::Install-Recommends "0";' > /etc/apt/apt.conf.d/99norecommends\`).
A simulation (\`-s\`, \`--dry-run\`) installs nothing and is not flagged.`,
  remediation: 'Add `--no-install-recommends` after `apt-get install`.',
  check(ctx) {
    const out: Finding[] = [];
    for (const c of allCommands(ctx)) {
      if (c.name !== 'apt-get') continue;
      const sub = subcommand(c, ['-o', '-t', '-c']);
      if (sub?.sub !== 'install') continue;
      if (hasFlag(c, ['--no-install-recommends'])) continue;
      // A simulation installs nothing.
      if (hasFlag(c, ['--simulate', '--dry-run', '--just-print', '--no-act', '--recon'], 's')) continue;
      const option = aptOption(modelOf(ctx), c, 'APT::Install-Recommends');
      if (option !== undefined && aptBool(option) === false) continue;
      out.push(onName(c, 'apt-get install without --no-install-recommends installs recommended packages too.'));
    }
    return out;
  },
  fix(ctx, finding) {
    const c = commandAt(ctx, finding.range);
    const sub = c && subcommand(c, ['-o', '-t', '-c']);
    if (!c || !sub) return undefined;
    return fixOf('Add --no-install-recommends', insertAfter(ctx, c, c.args[sub.index]!, ' --no-install-recommends'));
  },
});
