import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { packageArgs, subcommand } from '../../dockerfile/model';
import { allCommands, wordRange } from '../../dockerfile/util';

const TOOLS = new Set(['yum', 'dnf', 'microdnf', 'tdnf', 'zypper']);
const WITH_VALUE = [
  '-c',
  '--config',
  '--setopt',
  '--enablerepo',
  '--disablerepo',
  '--installroot',
  '--releasever',
  '--repo',
  '-r',
  '--from',
];

/** Unpinned rpm packages make builds unreproducible. */
export const rule = defineRule({
  id: 'dockerfile/rpm-pin-versions',
  title: 'yum/dnf/zypper install without pinned versions',
  severity: 'info',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3033', 'hadolint:DL3041', 'hadolint:DL3037'],
  docs: `\`dnf install httpd\` installs whatever version the repositories have at build time. Give a version
(\`httpd-2.4.62\`, or for zypper \`httpd=2.4.62\`). Local \`.rpm\` files, paths, URLs, groups (\`@…\`) and module
specs are not flagged.`,
  remediation: 'Pin each package: `dnf install -y name-<version>`.',
  check(ctx) {
    const out: Finding[] = [];
    for (const c of allCommands(ctx)) {
      if (!TOOLS.has(c.name)) continue;
      const sub = subcommand(c, WITH_VALUE);
      if (!sub || !['install', 'in'].includes(sub.sub)) continue;
      for (const w of packageArgs(c, sub.index + 1, WITH_VALUE)) {
        const v = w.value;
        if (v === undefined || /[/@:*]|\.rpm$/.test(v)) continue;
        if (c.name === 'zypper' ? /[=<>]/.test(v) : /-\d/.test(v)) continue;
        out.push({ message: `Pin the version of "${v}".`, range: wordRange(c, w) });
      }
    }
    return out;
  },
});
