// Regenerates docs/rules/*.md, docs/parity.md, the README rule table and package.json's configuration block.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { writeGenerated } = require(path.join(root, 'out/server/src/docs/generate.js'));
const changed = writeGenerated(root);
console.log(changed.length ? `updated: ${changed.join(', ')}` : 'generated files are up to date');
