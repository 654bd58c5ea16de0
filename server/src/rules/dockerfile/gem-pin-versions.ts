import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { allCommands, wordRange } from '../../dockerfile/util';

/** Unpinned gems change under the build. */
export const rule = defineRule({
  id: 'dockerfile/gem-pin-versions',
  title: 'gem install without pinned versions',
  severity: 'info',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3028'],
  docs: `\`gem install bundler\` installs the newest release at build time. Pin with \`bundler:2.5.22\` or
\`-v 2.5.22\`. Local \`.gem\` files are not flagged.`,
  remediation: 'Pin each gem: `gem install name:<version>` or `gem install name -v <version>`.',
  check(ctx) {
    const out: Finding[] = [];
    for (const c of allCommands(ctx)) {
      if (c.name !== 'gem') continue;
      const vals = c.args.map((a) => a.value ?? '');
      const i = vals.findIndex((v) => !v.startsWith('-'));
      if (i < 0 || !['install', 'i'].includes(vals[i]!)) continue;
      if (vals.some((v) => v === '-v' || v === '--version' || v.startsWith('--version='))) continue;
      for (let k = i + 1; k < c.args.length; k++) {
        const v = c.args[k]!.value;
        if (v === undefined) continue;
        if (v.startsWith('-')) {
          if (['-i', '--install-dir', '-n', '--bindir', '-s', '--source', '-p', '--platform'].includes(v)) k++;
          continue;
        }
        if (v.includes(':') || v.endsWith('.gem') || v.includes('/')) continue;
        out.push({ message: `Pin the version of "${v}" (${v}:<version>).`, range: wordRange(c, c.args[k]!) });
      }
    }
    return out;
  },
});
