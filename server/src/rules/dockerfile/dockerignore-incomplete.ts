import * as path from 'node:path';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';

/** Whether the ignore file excludes `name` (directly, as a glob, or by excluding everything). */
function excludes(lines: readonly string[], name: string): boolean {
  let excluded = false;
  for (const l of lines) {
    const neg = l.startsWith('!');
    const p = (neg ? l.slice(1) : l).replace(/^\/+|\/+$/g, '').replace(/^(\*\*\/)+/, '');
    const hit = p === '*' || p === '**' || p === name || p === `${name}*` || (name === '.env' && /^\.env(\*|\.\*)?$/.test(p));
    if (hit) excluded = !neg;
  }
  return excluded;
}

/** A `.dockerignore` that lets `.git`, `.env` or `node_modules` into the build context. */
export const rule = defineRule({
  id: 'dockerfile/dockerignore-incomplete',
  title: '.dockerignore misses common exclusions',
  severity: 'warning',
  appliesTo: ['dockerignore'],
  aliases: [],
  docs: `A \`.dockerignore\` should keep out at least \`.git\` (history, large and possibly secret), \`.env\` files
(credentials) and, in Node.js projects (a \`package.json\` beside it), \`node_modules\` (host-built binaries that
break in the image and slow every build). An "exclude everything, then re-include" file (\`*\` then \`!src\`)
counts as excluding them.`,
  remediation: 'Add the missing entries (`.git`, `.env`, `node_modules`) to `.dockerignore`.',
  check(ctx) {
    const lines = ctx.doc.text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    const need = ['.git', '.env'];
    if (ctx.path && ctx.workspace.exists(path.join(path.dirname(ctx.path), 'package.json'))) need.push('node_modules');
    const missing = need.filter((n) => !excludes(lines, n));
    const out: Finding[] = [];
    if (missing.length) out.push({ message: `.dockerignore does not exclude ${missing.join(', ')}.`, range: ctx.doc.lines.lineRange(0) });
    return out;
  },
});
