import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { subcommand } from '../../dockerfile/model';
import { allCommands, wordRange } from '../../dockerfile/util';

/** `zypper dist-upgrade` moves the image to whatever the repositories hold today. */
export const rule = defineRule({
  id: 'dockerfile/zypper-dist-upgrade',
  title: 'zypper dist-upgrade in a build',
  severity: 'warning',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3035'],
  docs: `\`zypper dist-upgrade\` (\`zypper dup\`) upgrades every package of the base image to the newest the
repositories offer, including across distribution releases, so the same Dockerfile builds a different
system from one day to the next, and the base image's tested package set is gone. Pick a newer base image
tag instead, and install the specific packages you need with pinned versions. The finding is on the
sub-command; options before it (\`zypper --non-interactive dup\`) are skipped.`,
  remediation: 'Remove `zypper dist-upgrade`; use a newer base image and install pinned packages.',
  check(ctx) {
    const out: Finding[] = [];
    for (const c of allCommands(ctx)) {
      if (c.name !== 'zypper') continue;
      const sub = subcommand(c, ['--root', '-R', '--reposd-dir', '-D', '--cache-dir', '-C', '--config', '-c']);
      if (sub && (sub.sub === 'dist-upgrade' || sub.sub === 'dup'))
        out.push({
          message: `zypper ${sub.sub} upgrades the whole base image to whatever the repositories hold today.`,
          range: wordRange(c, c.args[sub.index]!),
        });
    }
    return out;
  },
});
