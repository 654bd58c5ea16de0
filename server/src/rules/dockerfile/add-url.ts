import { defineRule } from '../../engine/rule';
import { copyArguments } from '../../dockerfile/model';
import { findingsByInstruction } from '../../dockerfile/util';

/** `ADD https://…` downloads without verification unless `--checksum` is given. */
export const rule = defineRule({
  id: 'dockerfile/add-url',
  title: 'ADD of a URL without --checksum',
  severity: 'warning',
  appliesTo: ['dockerfile'],
  aliases: [],
  docs: `\`ADD https://example.com/tool.tar.gz /opt/\` downloads at build time with no integrity check, and the
layer is not invalidated when the remote file changes. Give \`--checksum=sha256:…\` (BuildKit), or download
with \`curl\` in a \`RUN\` and verify the checksum there. Git sources (\`ADD git@…\`, \`https://….git\`) are not
flagged.`,
  remediation: 'Add `--checksum=sha256:<digest>` or download and verify in a RUN.',
  check(ctx) {
    return findingsByInstruction(ctx, 'dockerfile/add-url', (di, out) => {
      if (di.keyword !== 'ADD') return;
      const flags = (di.ins as unknown as { getFlags(): { getName(): string }[] }).getFlags();
      if (flags.some((f) => f.getName() === 'checksum')) return;
      const args = copyArguments(di.ins);
      for (const a of args.slice(0, -1)) {
        const v = a.getValue();
        if (/^https?:\/\//i.test(v) && !/\.git(#.*)?$/.test(v))
          out.push({ message: 'ADD downloads this URL without verifying it.', range: a.getRange() });
      }
    });
  },
});
