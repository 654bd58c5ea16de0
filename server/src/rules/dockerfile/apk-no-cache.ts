import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { hasFlag, subcommand } from '../../dockerfile/model';
import { commandAt, findingsByRun, fixOf, insertAfter, onName } from '../../dockerfile/util';

/** `apk add` keeps its index cache in the layer unless `--no-cache` is given. */
export const rule = defineRule({
  id: 'dockerfile/apk-no-cache',
  title: 'apk add without --no-cache',
  severity: 'info',
  fixApplicability: 'unsafe',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3019'],
  docs: `\`apk add --no-cache\` fetches a fresh index and keeps nothing in \`/var/cache/apk\`, which replaces
\`apk update\` before and \`rm -rf /var/cache/apk/*\` after. Installs under \`RUN --mount=type=cache\` are not
flagged.`,
  remediation: 'Use `apk add --no-cache …`.',
  check(ctx) {
    return findingsByRun(ctx, 'dockerfile/apk-no-cache', (run) => {
      const out: Finding[] = [];
      for (const c of run.commands) {
        if (c.name !== 'apk' || subcommand(c, ['-X', '--repository', '-p', '--root', '-t', '--virtual'])?.sub !== 'add') continue;
        if (hasFlag(c, ['--no-cache'])) continue;
        if (/--mount=\S*type=cache/.test(c.run.flagText)) continue;
        out.push(onName(c, 'apk add without --no-cache leaves the package index in the layer.'));
      }
      return out;
    });
  },
  fix(ctx, finding) {
    const c = commandAt(ctx, finding.range);
    const sub = c && subcommand(c, ['-X', '--repository', '-p', '--root', '-t', '--virtual']);
    if (!c || !sub) return undefined;
    return fixOf('Add --no-cache', insertAfter(ctx, c, c.args[sub.index]!, ' --no-cache'));
  },
});
