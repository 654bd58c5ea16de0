import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { allCommands, nameRange } from '../../dockerfile/util';

/** Installing and using both download tools adds a package for nothing. */
export const rule = defineRule({
  id: 'dockerfile/wget-and-curl',
  title: 'Both wget and curl used',
  severity: 'info',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL4001'],
  docs: `Each download tool is a package (and an attack surface) in the image. Using \`curl\` in one \`RUN\` and
\`wget\` in another means both must be installed. Pick one. The finding is on the first use of the tool
that appears second, per stage.`,
  remediation: 'Use either curl or wget throughout the Dockerfile.',
  check(ctx) {
    const out: Finding[] = [];
    const seen = new Map<number, Set<string>>();
    const first = new Map<string, boolean>();
    for (const c of allCommands(ctx)) {
      if (c.name !== 'curl' && c.name !== 'wget') continue;
      const stage = c.run.di.stage;
      const set = seen.get(stage) ?? new Set<string>();
      seen.set(stage, set);
      set.add(c.name);
      const key = `${stage}`;
      if (set.size === 2 && !first.get(key)) {
        first.set(key, true);
        out.push({ message: `This stage uses both curl and wget; use one of them.`, range: nameRange(c) });
      }
    }
    return out;
  },
});
