import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { allCommands, wordRange } from '../../dockerfile/util';

/** Unpinned npm packages change under the build. */
export const rule = defineRule({
  id: 'dockerfile/npm-pin-versions',
  title: 'npm install of an unpinned package',
  severity: 'info',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3016'],
  docs: `\`npm install -g typescript\` installs the newest release at build time. Give a version
(\`typescript@5.9.3\`). Local folders, tarballs, git and URL specs are not flagged.`,
  remediation: 'Pin each package: `npm install -g name@<version>`.',
  check(ctx) {
    const out: Finding[] = [];
    for (const c of allCommands(ctx)) {
      if (c.name !== 'npm') continue;
      const i = c.args.findIndex((a) => !(a.value ?? '-').startsWith('-'));
      if (i < 0 || !['install', 'i', 'add'].includes(c.args[i]!.value ?? '')) continue;
      for (const w of c.args.slice(i + 1)) {
        const v = w.value;
        if (v === undefined || v.startsWith('-')) continue;
        const bare = v.startsWith('@') ? v.slice(1) : v;
        if (bare.includes('@') || /^[./~]|\.tgz$|:/.test(v) || (v.includes('/') && !v.startsWith('@'))) continue;
        out.push({ message: `Pin the version of "${v}" (${v}@<version>).`, range: wordRange(c, w) });
      }
    }
    return out;
  },
});
