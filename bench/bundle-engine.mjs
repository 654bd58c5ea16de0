// Bundles the engine for in-process timing and fuzzing (esbuild only: no type-check needed).
import * as esbuild from 'esbuild';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** Builds out/bench/engine.cjs and returns the loaded module. */
export async function loadEngine() {
  const outfile = path.join(ROOT, 'out/bench/engine.cjs');
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'bench/engine-entry.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    logLevel: 'warning',
    // As in scripts/bundle.mjs: web-tree-sitter (the Dockerfile shell parser) reads import.meta.url,
    // which CommonJS output lacks; without it the parser fails to load and no RUN is analysed.
    banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__importMetaUrl' },
  });
  return createRequire(import.meta.url)(outfile);
}
