// esbuild settings shared by the release bundles (scripts/bundle.mjs) and the benchmark's in-process
// engine (bench/bundle-engine.mjs), so that the benchmark times the code that ships.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

// ES modules in the bundle (web-tree-sitter) read import.meta.url, which CommonJS output lacks;
// without it the shell parser fails to load and no RUN is analysed.
export const importMetaUrl = {
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__importMetaUrl' },
};

// The server and the CLI take `yaml`'s ES module build: the same code as its CommonJS build, which
// esbuild would wrap so that every `isMap`, `isScalar`, … call goes through a getter (about a tenth
// of the CLI's time on manifests). The only difference: warnings go to console.warn, not
// process.emitWarning (the engine parses with logLevel 'error').
export const yamlEsm = {
  name: 'yaml-esm',
  setup(build) {
    const entry = path.join(path.dirname(require.resolve('yaml/package.json')), 'browser/index.js');
    build.onResolve({ filter: /^yaml$/ }, () => ({ path: entry }));
  },
};
