import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { allCommands, fixOf, sameRange, wordRange } from '../../dockerfile/util';

/** `sudo` in a build is unpredictable: TTY and password prompts, environment resets. */
export const rule = defineRule({
  id: 'dockerfile/no-sudo',
  title: 'sudo in RUN',
  severity: 'warning',
  fixApplicability: 'unsafe',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3004'],
  docs: `\`RUN\` already runs as the current \`USER\`. \`sudo\` adds a package, may ask for a password or a TTY,
resets the environment, and leaves a privilege-escalation tool in the image. Switch user with \`USER\`
(or use \`gosu\`/\`su-exec\` in an entrypoint).`,
  remediation: 'Remove `sudo` and switch to root with `USER root` for the commands that need it.',
  check(ctx) {
    const out: Finding[] = [];
    for (const c of allCommands(ctx)) {
      if (c.cmd.name.value === 'sudo') out.push({ message: 'Do not use sudo in a Dockerfile.', range: wordRange(c, c.cmd.name) });
    }
    return out;
  },
  fix(ctx, finding) {
    const c = allCommands(ctx).find((x) => x.cmd.name.value === 'sudo' && sameRange(wordRange(x, x.cmd.name), finding.range));
    if (!c || c.nameWord === c.cmd.name) return undefined;
    // `sudo -u user` runs as someone else: dropping it would change who runs the command.
    const opts = c.cmd.args.slice(0, c.cmd.args.indexOf(c.nameWord));
    if (opts.some((a) => /^-[a-zA-Z]*u|^--user/.test(a.value ?? ''))) return undefined;
    return fixOf('Remove sudo', { range: { start: finding.range.start, end: wordRange(c, c.nameWord).start }, newText: '' });
  },
});
