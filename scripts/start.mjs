// `npm start`: builds the CLI when it is missing or older than its sources, checks the bundled
// example workspace (examples/demo) with it, and lists the findings that have a fix. Findings are
// the point of the example, so it exits 0 when the check ran (1 only when it could not run).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist/cli.js');
const EXAMPLE = 'examples/demo';

/** The newest modification time under a folder (0 when it does not exist). */
function newest(dir) {
  let t = 0;
  if (!fs.existsSync(dir)) return t;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) t = Math.max(t, fs.statSync(path.join(e.parentPath ?? e.path, e.name)).mtimeMs);
  }
  return t;
}

const built = fs.existsSync(CLI) ? fs.statSync(CLI).mtimeMs : 0;
if (built < Math.max(newest(path.join(ROOT, 'server/src')), fs.statSync(path.join(ROOT, 'package-lock.json')).mtimeMs)) {
  console.log('Building the CLI (dist/cli.js)…');
  const r = spawnSync(process.execPath, ['scripts/bundle.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) process.exit(1);
}

function cli(...args) {
  const r = spawnSync(process.execPath, [CLI, 'check', EXAMPLE, ...args], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) {
    process.stderr.write(r.stderr);
    console.error(`shipshape check ${EXAMPLE} failed (exit ${r.status})`);
    process.exit(1);
  }
  return r.stdout;
}

console.log(`$ npx shipshape check ${EXAMPLE}\n`);
process.stdout.write(cli());

const findings = JSON.parse(cli('--format', 'json'));
const fixable = findings.filter((f) => f.fixable);
// A fix that can change what the image or the workload does is unsafe: `--fix` leaves it to
// `--unsafe-fixes`. The JSON says which (`fix`: "safe" or "unsafe").
console.log(`\nFixes available for ${fixable.length} of ${findings.length} findings:`);
for (const f of fixable) {
  const where = `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
  console.log(`  ${String(f.fix).padEnd(6)}  ${where}  ${f.ruleId}`);
}
console.log('\n`npx shipshape check --fix` applies the safe ones; `--unsafe-fixes` also the others (review those).');
console.log(`Try it on a copy: cp -r ${EXAMPLE} /tmp/demo && npx shipshape check /tmp/demo --fix`);
