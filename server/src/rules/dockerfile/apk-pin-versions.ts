import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { packageArgs, subcommand } from '../../dockerfile/model';
import { findingsByRun, wordRange } from '../../dockerfile/util';

const WITH_VALUE = ['-X', '--repository', '-p', '--root', '-t', '--virtual', '--arch'];

/** Unpinned apk packages make builds unreproducible. */
export const rule = defineRule({
  id: 'dockerfile/apk-pin-versions',
  title: 'apk add without pinned versions',
  severity: 'info',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3018'],
  docs: `\`apk add curl\` installs whatever the repository has at build time. Pin with \`curl=8.11.1-r0\` (or a
range such as \`curl~8.11\`) so builds are reproducible. Local \`.apk\` files and virtual package names (\`-t\`)
are not flagged.`,
  remediation: 'Pin each package: `apk add --no-cache curl=<version>`.',
  check(ctx) {
    return findingsByRun(ctx, 'dockerfile/apk-pin-versions', (run) => {
      const out: Finding[] = [];
      for (const c of run.commands) {
        if (c.name !== 'apk') continue;
        const sub = subcommand(c, WITH_VALUE);
        if (sub?.sub !== 'add') continue;
        for (const w of packageArgs(c, sub.index + 1, WITH_VALUE)) {
          const v = w.value;
          if (v === undefined || /[=~<>]/.test(v) || v.endsWith('.apk') || v.includes('/')) continue;
          out.push({ message: `Pin the version of "${v}" (${v}=<version>).`, range: wordRange(c, w) });
        }
      }
      return out;
    });
  },
});
