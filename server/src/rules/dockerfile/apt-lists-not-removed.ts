import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import type { RunCommand } from '../../dockerfile/model';
import { subcommand } from '../../dockerfile/model';
import { fixOf, modelOf, nameRange, sameRange } from '../../dockerfile/util';

const CLEANUP = 'rm -rf /var/lib/apt/lists/*';

function installs(c: RunCommand): boolean {
  return (
    (c.name === 'apt-get' || c.name === 'apt') &&
    ['install', 'upgrade', 'dist-upgrade'].includes(subcommand(c, ['-o', '-t', '-c'])?.sub ?? '')
  );
}

/** A path that holds the package lists: the lists folder, its contents, or `/var/lib/apt` itself. */
function listsPath(raw: string): boolean {
  return /^\/var\/lib\/apt(\/?\*?|\/lists(\/.*|\*)?)$/.test(raw.replace(/^["']|["']$/g, '').replace(/\/+$/, ''));
}

/**
 * A command that removes the lists: `rm` of them, `find … -delete` under them, or `apt-get
 * dist-clean` (apt 2.7.8 and later, Debian trixie), which removes the lists along with the cache.
 */
function cleans(c: RunCommand): boolean {
  if (c.name === 'rm') return c.args.some((a) => listsPath(a.value ?? a.raw));
  if (c.name === 'find') return listsPath(c.args[0]?.value ?? '') && c.args.some((a) => a.value === '-delete');
  return (c.name === 'apt-get' || c.name === 'apt') && subcommand(c, ['-o', '-t', '-c'])?.sub === 'dist-clean';
}

/** The apt package lists stay in the layer unless removed in the same `RUN`. */
export const rule = defineRule({
  id: 'dockerfile/apt-lists-not-removed',
  title: 'apt lists not removed in the same RUN',
  severity: 'info',
  fixApplicability: 'unsafe',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3009'],
  docs: `\`apt-get update\` downloads package lists into \`/var/lib/apt/lists\` (tens of megabytes). Removing them
in a later \`RUN\` does not shrink the image, because the earlier layer still holds them: the clean-up must run
in the same \`RUN\` as the install: \`rm -rf /var/lib/apt/lists/*\` (or of \`/var/lib/apt\`), \`find
/var/lib/apt/lists … -delete\`, or \`apt-get dist-clean\` (apt 2.7.8 and later, as in Debian trixie), which
removes the lists itself. \`RUN --mount=type=cache\` on the lists folder, or a stage that is not the
final one, are not flagged.`,
  remediation: 'End the RUN with `&& rm -rf /var/lib/apt/lists/*`.',
  check(ctx) {
    const out: Finding[] = [];
    const m = modelOf(ctx);
    const last = m.stages.length - 1;
    for (const r of m.runs) {
      if (r.di.stage !== last) continue;
      const first = r.commands.find(installs);
      if (!first || r.commands.some(cleans)) continue;
      if (/--mount=\S*\/var\/lib\/apt/.test(r.flagText)) continue;
      out.push({
        message: `Remove /var/lib/apt/lists/* in this RUN, after apt-get ${subcommand(first)?.sub ?? 'install'}.`,
        range: nameRange(first),
      });
    }
    return out;
  },
  fix(ctx, finding) {
    const run = modelOf(ctx).runs.find((r) => r.commands.some((c) => installs(c) && sameRange(nameRange(c), finding.range)));
    const seg = run?.segments[0];
    if (!run || !seg || run.segments.length > 1 || !seg.text.trim()) return undefined;
    const end = seg.text.replace(/[\s;]+$/, '').length;
    const pos = ctx.doc.lines.positionAt(seg.offset(end - 1) + 1);
    return fixOf('Append the apt lists clean-up', { range: { start: pos, end: pos }, newText: ` && ${CLEANUP}` });
  },
});
