import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { hasFlag, subcommand } from '../../dockerfile/model';
import { allCommands, commandAt, fixOf, insertAfter, onName } from '../../dockerfile/util';

const TOOLS = new Set(['yum', 'dnf', 'microdnf', 'tdnf', 'zypper']);
const CHANGES = new Set([
  'install',
  'in',
  'groupinstall',
  'localinstall',
  'update',
  'upgrade',
  'remove',
  'erase',
  'rm',
  'reinstall',
  'patch',
  'up',
  'dist-upgrade',
  'dup',
]);

/** yum, dnf and zypper ask for confirmation unless told not to. */
export const rule = defineRule({
  id: 'dockerfile/rpm-install-yes',
  title: 'yum/dnf/zypper without -y',
  severity: 'warning',
  fixApplicability: 'unsafe',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3030', 'hadolint:DL3038', 'hadolint:DL3034'],
  docs: `\`yum install\`, \`dnf install\` and \`zypper install\` stop at a confirmation prompt, which a build cannot
answer. Use \`-y\` (\`--assumeyes\`) for yum and dnf, and \`-n\`/\`--non-interactive\` or \`-y\` for zypper.
\`microdnf\` never prompts and is not flagged.`,
  remediation: 'Add `-y` (zypper: `--non-interactive`) to the command.',
  check(ctx) {
    const out: Finding[] = [];
    for (const c of allCommands(ctx)) {
      if (!TOOLS.has(c.name) || c.name === 'microdnf') continue;
      const sub = subcommand(c, ['-c', '--config', '--installroot', '--releasever', '--setopt', '--enablerepo', '--disablerepo']);
      if (!sub || !CHANGES.has(sub.sub)) continue;
      if (hasFlag(c, ['--assumeyes', '--non-interactive', '--no-confirm'], c.name === 'zypper' ? 'yn' : 'y')) continue;
      out.push(onName(c, `${c.name} ${sub.sub} without -y stops at the confirmation prompt.`));
    }
    return out;
  },
  fix(ctx, finding) {
    const c = commandAt(ctx, finding.range);
    const sub = c && subcommand(c, ['-c', '--config', '--installroot', '--releasever', '--setopt', '--enablerepo', '--disablerepo']);
    if (!c || !sub) return undefined;
    return fixOf('Add -y', insertAfter(ctx, c, c.args[sub.index]!, ' -y'));
  },
});
