import * as path from 'node:path';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { ignorePatterns, ignored } from '../../dockerfile/ignore';
import { modelOf } from '../../dockerfile/util';

/** `COPY`/`ADD` of a path that `.dockerignore` leaves out of the build context. */
export const rule = defineRule({
  id: 'dockerfile/copy-ignored-file',
  title: 'COPY of a file .dockerignore excludes',
  severity: 'warning',
  appliesTo: ['dockerfile'],
  aliases: ['docker:CopyIgnoredFile'],
  docs: `Files that \`.dockerignore\` excludes are not sent to the builder, so \`COPY config.json /app/\` fails when
\`config.json\` is ignored, and \`COPY . /app\` quietly copies less than it seems. A source path of \`COPY\` or \`ADD\`
(from the build context: not \`--from\`, URLs or heredocs) is flagged when a pattern of the ignore file matches it
or one of its parent folders (\`node_modules\` excludes \`node_modules/x\`). The ignore file is
\`<Dockerfile name>.dockerignore\` beside the Dockerfile when there is one, otherwise \`.dockerignore\` there,
and the build context is taken to be the Dockerfile's folder. As in Docker's build check, an ignore file with
re-inclusions (\`!pattern\`) is not checked, since what it leaves out of a folder depends on the files in it.
Sources with variables are not checked.`,
  remediation: 'Remove the path from `.dockerignore` (or re-include it with `!path`), or stop copying it.',
  check(ctx) {
    const out: Finding[] = [];
    if (!ctx.path) return out;
    const dir = path.dirname(ctx.path);
    const files = ctx.workspace.filesOfKind('dockerignore');
    const ignoreFile =
      files.find((f) => f.path === path.join(dir, `${path.basename(ctx.path!)}.dockerignore`)) ??
      files.find((f) => f.path === path.join(dir, '.dockerignore'));
    if (!ignoreFile?.lines) return out;
    const patterns = ignorePatterns(ignoreFile.lines);
    if (!patterns.length || patterns.some((p) => p.negated)) return out;
    for (const di of modelOf(ctx).instructions) {
      if (di.keyword !== 'COPY' && di.keyword !== 'ADD') continue;
      const raw = di.ins.getRawArgumentsContent() ?? '';
      if (raw.trimStart().startsWith('[') || raw.includes('<<')) continue;
      const flags = (di.ins as unknown as { getFlags(): { getName(): string }[] }).getFlags();
      if (flags.some((f) => f.getName() === 'from')) continue;
      const args = di.ins.getArguments();
      for (const a of args.slice(0, -1)) {
        const src = a.getValue();
        if (src.includes('$') || /^[a-z][a-z0-9+.-]*:\/\//i.test(src) || src.startsWith('git@')) continue;
        if (ignored(patterns, src))
          out.push({
            message: `"${src}" is excluded by ${path.basename(ignoreFile.path!)}, so the build does not see it.`,
            range: a.getRange(),
          });
      }
    }
    return out;
  },
});
