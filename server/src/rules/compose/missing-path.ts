import * as path from 'node:path';
import { defineRule } from '../../engine/rule';
import type { Finding, Range } from '../../engine/types';
import { buildContext, builtDockerfile, interpolated } from '../../compose/paths';
import { findPair } from '../../parse/yaml';
import { isMap, isSeq } from 'yaml';

/** Build contexts, Dockerfiles, env files, bind-mount sources and secret files that are not there. */
export const rule = defineRule({
  id: 'compose/missing-path',
  title: 'Compose file names a missing path',
  severity: 'error',
  appliesTo: ['compose'],
  aliases: [],
  docs: `Reports paths a Compose file names that do not exist, relative to the Compose file: a \`build.context\`
folder (remote Git and HTTP contexts are not checked), the \`build.dockerfile\` (relative to the context), an
\`env_file\` (unless the long form says \`required: false\`), the source of a bind mount written as a relative
path (\`./data:/data\`; absolute host paths are not part of the workspace and are not checked) and the \`file\` of
a top-level secret. \`docker compose up\` fails on the first four; a missing bind-mount source is silently created
as an empty folder owned by root, which hides the mistake until the service reads it. Paths using
\`\${VARIABLES}\` are not checked.`,
  remediation: 'Fix the path (relative to the Compose file) or add the missing file or folder.',
  check(ctx) {
    const out: Finding[] = [];
    const file = ctx.path;
    if (!file) return out;
    const dir = path.dirname(file);
    const report = (p: string, range: Range, what: string, base = dir): void => {
      if (interpolated(p) || ctx.workspace.exists(path.resolve(base, p))) return;
      out.push({ message: `The ${what} "${p}" does not exist.`, range });
    };
    for (const s of ctx.doc.model.services) {
      if (s.build) {
        const context = buildContext(file, s.build);
        if (context && s.build.context && !ctx.workspace.exists(context))
          report(s.build.context.value, s.build.context.range, 'build context');
        else if (context && s.build.dockerfile) {
          const df = builtDockerfile(file, s.build);
          if (df && !ctx.workspace.exists(df))
            out.push({
              message: `The Dockerfile "${s.build.dockerfile.value}" does not exist in the build context.`,
              range: s.build.dockerfile.range,
            });
        }
      }
      const optional = optionalEnvFiles(s.node);
      for (const e of s.envFiles) if (!optional.has(e.value)) report(e.value, e.range, 'env_file');
      for (const v of s.volumes) {
        if (v.type !== 'bind' || v.source === undefined || !/^\.\.?(?:[/\\]|$)/.test(v.source)) continue;
        report(v.source, v.sourceRange ?? v.range, 'bind-mount source');
      }
    }
    for (const secret of ctx.doc.model.secrets) if (secret.file) report(secret.file.value, secret.file.range, 'secret file');
    return out;
  },
});

/** The `env_file` paths of the long form marked `required: false`. */
function optionalEnvFiles(node: unknown): Set<string> {
  const out = new Set<string>();
  const list = findPair(node, 'env_file')?.value;
  if (!isSeq(list)) return out;
  for (const item of list.items) {
    if (!isMap(item)) continue;
    const required = item.get('required');
    const p = item.get('path');
    if (required === false && typeof p === 'string') out.add(p);
  }
  return out;
}
