import * as path from 'node:path';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';

/** Without a `.dockerignore`, the whole folder (`.git`, `node_modules`, `.env`) goes to the builder. */
export const rule = defineRule({
  id: 'dockerfile/dockerignore-missing',
  title: 'No .dockerignore beside the Dockerfile',
  severity: 'info',
  appliesTo: ['dockerfile'],
  aliases: [],
  docs: `The build context is sent to the builder in full: without a \`.dockerignore\`, \`COPY . .\` copies \`.git\`,
\`node_modules\`, local \`.env\` files and build output into the image, and every change to them busts the layer
cache. Shipshape assumes the build context is the Dockerfile's folder and also accepts a
\`<name>.Dockerfile.dockerignore\` / \`Dockerfile.dockerignore\` beside it. The finding is on line 1.`,
  remediation: 'Add a `.dockerignore` beside the Dockerfile that excludes at least `.git`, `.env` and `node_modules`.',
  check(ctx) {
    if (!ctx.path) return [];
    const dir = path.dirname(ctx.path);
    const base = path.basename(ctx.path);
    if (ctx.workspace.exists(path.join(dir, '.dockerignore')) || ctx.workspace.exists(path.join(dir, `${base}.dockerignore`))) return [];
    const out: Finding[] = [];
    out.push({
      message: 'There is no .dockerignore beside this Dockerfile; the whole folder is sent to the builder.',
      range: ctx.doc.lines.lineRange(0),
    });
    return out;
  },
});
