// Bundles the engine for in-process timing and fuzzing (esbuild only: no type-check needed).
import * as esbuild from 'esbuild';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { importMetaUrl, yamlEsm } from '../scripts/esbuild-shared.mjs';

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
    ...importMetaUrl,
    plugins: [yamlEsm],
  });
  return createRequire(import.meta.url)(outfile);
}
