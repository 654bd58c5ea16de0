// Bundles the extension, the language server and the CLI with esbuild (tsc -b type-checks first).
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { importMetaUrl, yamlEsm } from './esbuild-shared.mjs';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  sourcesContent: false,
  minify: !watch,
  logLevel: 'warning',
  legalComments: 'none',
  ...importMetaUrl,
};
// The shell parser's WebAssembly modules are loaded from beside the bundle (dist/ is all the .vsix has).
const require = createRequire(import.meta.url);
fs.mkdirSync('dist', { recursive: true });
for (const wasm of ['web-tree-sitter/web-tree-sitter.wasm', 'tree-sitter-bash/tree-sitter-bash.wasm']) {
  fs.copyFileSync(require.resolve(wasm), path.join('dist', path.basename(wasm)));
}
// Activation only loads dist/extension.js (the entry, the explorer's view and commands). The
// language client, the cluster module (client-node) and the cluster operations are files of their
// own, required on the turn after activation and on the first tree expansion or cluster command.
const apart = {
  name: 'apart',
  setup(build) {
    build.onResolve({ filter: /^vscode-languageclient\/node$/ }, (args) =>
      args.importer.endsWith(`${path.sep}extension.ts`) ? { path: './language-client.js', external: true } : undefined,
    );
    build.onResolve({ filter: /\/cluster\/index\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}explorer${path.sep}`) ? { path: './cluster.js', external: true } : undefined,
    );
    build.onResolve({ filter: /\/cluster\/operations\/index\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}explorer${path.sep}`) ? { path: './cluster-operations.js', external: true } : undefined,
    );
  },
};
// The operations take the cluster module's code from dist/cluster.js (one copy: `instanceof
// ApiError` holds across the two files); client/src/cluster/index.ts re-exports every module.
const clusterDir = path.resolve('client/src/cluster');
const sharedCluster = {
  name: 'shared-cluster',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) =>
      path.dirname(path.resolve(args.resolveDir, args.path)) === clusterDir ? { path: './cluster.js', external: true } : undefined,
    );
  },
};
// For the language server, the Kubernetes schemas and field descriptions (2.3 MB of JSON text) are
// files of their own, required on first use: a Dockerfile-only workspace never reads them, and
// neither isolate holds them before a manifest needs them (server/src/k8s/schema/model.ts, index.ts).
const k8sData = {
  name: 'k8s-data',
  setup(build) {
    build.onResolve({ filter: /^\.\/generated\/(?:schemas|descriptions)$/ }, (args) =>
      args.importer.includes(`${path.sep}k8s${path.sep}schema${path.sep}`)
        ? { path: `./k8s-${path.basename(args.path)}.js`, external: true }
        : undefined,
    );
  },
};
const generated = (name) => ({
  ...common,
  entryPoints: [`server/src/k8s/schema/generated/${name}.ts`],
  outfile: `dist/k8s-${name}.js`,
  sourcemap: false,
});
const builds = [
  {
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    plugins: [apart],
    // require(), not import(): the extension host loads CommonJS.
    supported: { 'dynamic-import': false },
  },
  { ...common, entryPoints: ['client/src/cluster/index.ts'], outfile: 'dist/cluster.js' },
  { ...common, entryPoints: ['client/src/cluster/operations/index.ts'], outfile: 'dist/cluster-operations.js', plugins: [sharedCluster] },
  { ...common, entryPoints: ['vscode-languageclient/node'], outfile: 'dist/language-client.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', plugins: [yamlEsm, k8sData] },
  // The server's check worker (worker_threads), started from dist/server.js by file name.
  { ...common, entryPoints: ['server/src/worker/checker.ts'], outfile: 'dist/checker.js', plugins: [yamlEsm, k8sData] },
  // The CLI keeps the schemas inside: one file to run, and its memory is not held across an editing session.
  { ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', plugins: [yamlEsm] },
  generated('schemas'),
  generated('descriptions'),
];
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
