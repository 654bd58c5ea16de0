// Drives built servers alone over stdio with the bench's seeded edits of one Dockerfile: one, or two
// builds in lockstep (each edit to both, in alternating order, so that load from other processes
// falls on both alike), with extra node flags for the servers (a CPU profile: `--cpu-prof
// --cpu-prof-dir=DIR`, which also profiles the check worker).
//   node bench/drive.mjs [FILE | --generated N] [--edits N] [--seed N] [--server dist/server.js]
//                        [--against OTHER/server.js] [-- NODE_FLAGS…]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspServer, uriOf } from './lsp.mjs';
import { dockerfile, editsFor } from './inputs.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const all = process.argv.slice(2);
const dash = all.indexOf('--');
const args = dash >= 0 ? all.slice(0, dash) : all;
const nodeFlags = dash >= 0 ? all.slice(dash + 1) : [];
const value = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const file = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
const EDITS = Number(value('--edits', 200));
const SEED = Number(value('--seed', 9));
const text = file ? fs.readFileSync(file, 'utf8') : dockerfile(Number(value('--generated', 1000)));
const builds = [value('--server', path.join(ROOT, 'dist/server.js')), value('--against', undefined)].filter(Boolean).map((p) => path.resolve(p));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-drive-'));
const target = path.join(dir, 'Dockerfile');
fs.writeFileSync(target, text);
const uri = uriOf(target);
const servers = builds.map((b) => ({ build: b, srv: new LspServer('shipshape', [...nodeFlags, b, '--stdio'], { shipshape: {} }), times: [] }));
try {
  for (const s of servers) {
    await s.srv.initialize(dir);
    await s.srv.open(uri, 'dockerfile', text);
    await s.srv.settle(uri);
  }
  for (const [k, e] of editsFor(text, EDITS, SEED).entries()) {
    for (const s of k % 2 ? [...servers].reverse() : servers) s.times.push((await s.srv.edit(uri, e.start, e.end, e.text)).ms);
  }
} finally {
  await Promise.all(servers.map((s) => s.srv.shutdown()));
}
for (const s of servers) {
  const sorted = [...s.times].sort((a, b) => a - b);
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  console.log(`${path.relative(ROOT, s.build)} on ${file ?? 'generated'}: ${EDITS} edits, median ${q(0.5).toFixed(2)} ms, p95 ${q(0.95).toFixed(2)} ms`);
}
