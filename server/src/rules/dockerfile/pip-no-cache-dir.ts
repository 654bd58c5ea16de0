import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import type { RunCommand } from '../../dockerfile/model';
import { hasFlag } from '../../dockerfile/model';
import { envOf, strtobool, UNKNOWN } from '../../dockerfile/env';
import { allCommands, commandAt, fixOf, insertAfter, modelOf, onName } from '../../dockerfile/util';

/** The `install` word of `pip install` / `python -m pip install`, if this is one. */
export function pipInstall(c: RunCommand): number | undefined {
  let i = 0;
  if (/^python[0-9.]*$/.test(c.name)) {
    const m = c.args.findIndex((a) => a.value === '-m');
    if (m < 0 || !/^pip[0-9.]*$/.test(c.args[m + 1]?.value ?? '')) return undefined;
    i = m + 2;
  } else if (!/^pip[0-9.]*$/.test(c.name)) return undefined;
  for (; i < c.args.length; i++) {
    const v = c.args[i]!.value ?? '';
    if (v.startsWith('-')) continue;
    return v === 'install' ? i : undefined;
  }
  return undefined;
}

/** pip keeps downloaded wheels in `~/.cache/pip`, inside the layer. */
export const rule = defineRule({
  id: 'dockerfile/pip-no-cache-dir',
  title: 'pip install without --no-cache-dir',
  severity: 'info',
  fixApplicability: 'unsafe',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3042'],
  docs: `pip caches every downloaded wheel under \`~/.cache/pip\`. In an image that cache is dead weight.
\`--no-cache-dir\` (or a \`RUN --mount=type=cache\`) avoids it, and so does the \`PIP_NO_CACHE_DIR\` environment
variable, read where pip runs: from \`ENV\` (of the stage or a stage it is built \`FROM\`), an \`ARG\` of the stage,
\`export\` earlier in the \`RUN\`, or an assignment before the command (\`PIP_NO_CACHE_DIR=1 pip install …\`).
pip reads it as a boolean (\`1\`/\`0\`, \`true\`/\`false\`, \`yes\`/\`no\`, \`on\`/\`off\`, \`y\`/\`n\`, \`t\`/\`f\`) and,
for backward compatibility, turns the cache off for *every* valid value, \`0\` and \`false\` included; an
empty value is ignored (the cache stays on), and any other value makes pip stop with an error, which is
reported here. A value from a build argument (\`ARG PIP_NO_CACHE_DIR\` with no default) is taken as set.`,
  remediation: 'Use `pip install --no-cache-dir …`.',
  check(ctx) {
    const out: Finding[] = [];
    const m = modelOf(ctx);
    for (const c of allCommands(ctx)) {
      if (pipInstall(c) === undefined || hasFlag(c, ['--no-cache-dir'])) continue;
      if (/--mount=\S*type=cache/.test(c.run.flagText)) continue;
      const env = envOf(m, c, 'PIP_NO_CACHE_DIR');
      if (env === UNKNOWN) continue;
      if (env !== undefined && env.trim() !== '') {
        if (strtobool(env) !== undefined) continue;
        out.push(onName(c, `PIP_NO_CACHE_DIR=${JSON.stringify(env)} is not a boolean pip accepts; pip stops with an error.`));
        continue;
      }
      out.push(onName(c, 'pip install without --no-cache-dir keeps the wheel cache in the layer.'));
    }
    return out;
  },
  fix(ctx, finding) {
    const c = commandAt(ctx, finding.range);
    const i = c && pipInstall(c);
    if (!c || i === undefined) return undefined;
    return fixOf('Add --no-cache-dir', insertAfter(ctx, c, c.args[i]!, ' --no-cache-dir'));
  },
});
