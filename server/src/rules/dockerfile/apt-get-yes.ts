import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { hasFlag, subcommand } from '../../dockerfile/model';
import { aptBool, aptOption } from '../../dockerfile/apt';
import { allCommands, commandAt, fixOf, insertAfter, modelOf, onName } from '../../dockerfile/util';

const NEEDS_YES = new Set(['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'remove', 'purge', 'autoremove', 'build-dep']);

/** `apt-get install` without `-y` waits for a confirmation no build can give. */
export const rule = defineRule({
  id: 'dockerfile/apt-get-yes',
  title: 'apt-get install without -y',
  severity: 'warning',
  fixApplicability: 'unsafe',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3014'],
  docs: `\`apt-get install\` (and \`upgrade\`, \`remove\`, …) asks for confirmation before changing packages.
A build has no terminal to answer, so without \`-y\` (or \`--yes\`, \`--assume-yes\`, \`-qq\`) the command aborts
whenever apt wants to ask. \`APT::Get::Assume-Yes\` set to true (\`-o APT::Get::Assume-Yes=true\`, or in an
\`/etc/apt/apt.conf.d\` file the stage writes first) answers it too; \`DEBIAN_FRONTEND=noninteractive\` does not
(it silences debconf questions, not apt's confirmation). A simulation (\`-s\`, \`--dry-run\`) never asks.`,
  remediation: 'Add `-y` after the sub-command: `apt-get install -y …`.',
  check(ctx) {
    const out: Finding[] = [];
    for (const c of allCommands(ctx)) {
      if (c.name !== 'apt-get') continue;
      const sub = subcommand(c, ['-o', '-t', '-c']);
      if (!sub || !NEEDS_YES.has(sub.sub)) continue;
      if (hasFlag(c, ['--yes', '--assume-yes', '--force-yes', '-qq'], 'y')) continue;
      const option = aptOption(modelOf(ctx), c, 'APT::Get::Assume-Yes');
      if (option !== undefined && aptBool(option) === true) continue;
      // A simulation (`-s`, `--dry-run`, …) never prompts.
      if (hasFlag(c, ['--simulate', '--dry-run', '--just-print', '--no-act', '--recon', '--print-uris'], 's')) continue;
      if (c.args.some((a) => /^-[a-z]*q[a-z]*q/.test(a.value ?? '') || a.value === '-q=2')) continue;
      out.push(onName(c, `apt-get ${sub.sub} without -y stops at the confirmation prompt.`));
    }
    return out;
  },
  fix(ctx, finding) {
    const c = commandAt(ctx, finding.range);
    const sub = c && subcommand(c, ['-o', '-t', '-c']);
    if (!c || !sub) return undefined;
    return fixOf('Add -y', insertAfter(ctx, c, c.args[sub.index]!, ' -y'));
  },
});
