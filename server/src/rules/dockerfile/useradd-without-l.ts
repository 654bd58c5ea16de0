import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { hasFlag } from '../../dockerfile/model';
import { allCommands, nameRange } from '../../dockerfile/util';

/** `useradd` with a large UID grows `/var/log/lastlog` to gigabytes unless `-l` is given. */
export const rule = defineRule({
  id: 'dockerfile/useradd-without-l',
  title: 'useradd with a high UID without -l',
  severity: 'warning',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3046'],
  docs: `\`useradd -u 123456789 app\` writes a sparse entry at that UID's offset in \`/var/log/lastlog\` and
\`faillog\`; in an image layer the sparse file becomes gigabytes. \`-l\` (\`--no-log-init\`) skips it. UIDs up
to 65535 are not flagged.`,
  remediation: 'Add `-l` (`--no-log-init`) to `useradd`.',
  check(ctx) {
    const out: Finding[] = [];
    for (const c of allCommands(ctx)) {
      if (c.name !== 'useradd' || hasFlag(c, ['--no-log-init'], 'l')) continue;
      const vals = c.args.map((a) => a.value ?? '');
      const i = vals.findIndex((v) => v === '-u' || v === '--uid');
      const uid = i >= 0 ? vals[i + 1] : vals.find((v) => v.startsWith('--uid='))?.slice(6);
      if (uid && /^\d+$/.test(uid) && Number(uid) > 65535)
        out.push({ message: `useradd -u ${uid} without -l creates a huge lastlog file.`, range: nameRange(c) });
    }
    return out;
  },
});
