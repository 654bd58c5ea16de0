import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { packageArgs, subcommand } from '../../dockerfile/model';
import { findingsByRun, wordRange } from '../../dockerfile/util';

/** Unpinned apt packages make the image depend on the day it was built. */
export const rule = defineRule({
  id: 'dockerfile/apt-pin-versions',
  title: 'apt-get install without pinned versions',
  severity: 'info',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3008'],
  docs: `\`apt-get install curl\` installs whatever version the mirror has today, so two builds of the same
Dockerfile can differ. Pinning (\`curl=8.5.0-2ubuntu10.6\`) makes builds reproducible and upgrades deliberate.
Local \`.deb\` files and packages given through a variable are not flagged.`,
  remediation: 'Pin each package: `apt-get install -y curl=<version>`.',
  check(ctx) {
    return findingsByRun(ctx, 'dockerfile/apt-pin-versions', (run) => {
      const out: Finding[] = [];
      for (const c of run.commands) {
        if (c.name !== 'apt-get' && c.name !== 'apt') continue;
        const sub = subcommand(c, ['-o', '-t', '-c']);
        if (sub?.sub !== 'install') continue;
        for (const w of packageArgs(c, sub.index + 1, ['-o', '-t', '-c'])) {
          const v = w.value;
          if (v === undefined || v.includes('=') || v.endsWith('.deb') || v.includes('/')) continue;
          out.push({ message: `Pin the version of "${v}" (${v}=<version>).`, range: wordRange(c, w) });
        }
      }
      return out;
    });
  },
});
