// In-process cost of one Dockerfile edit: the bench's seeded edits applied to a file, each followed
// by the index update and the lint the server runs, with the model build and every rule timed apart.
//   node bench/edit-profile.mjs [FILE | --generated N] [--edits N] [--warm N] [--seed N] [--top N]
// Without FILE, the bench's generated 1,000-line Dockerfile. Add `--cpu-prof` to node for a profile.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadEngine } from './bundle-engine.mjs';
import { dockerfile, editsFor } from './inputs.mjs';

const args = process.argv.slice(2);
const value = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const file = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
const EDITS = Number(value('--edits', 400));
const WARM = Number(value('--warm', 200));
const SEED = Number(value('--seed', 9));
const TOP = Number(value('--top', 12));
const text = file ? fs.readFileSync(file, 'utf8') : dockerfile(Number(value('--generated', 1000)));

const engine = await loadEngine();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-edit-'));
fs.writeFileSync(path.join(dir, 'Dockerfile'), text);
const uri = `file://${path.join(dir, 'Dockerfile')}`;

const perRule = new Map();
let timing = false;
const rules = engine.RULES.map((r) => {
  const check = r.check;
  return Object.assign(Object.create(Object.getPrototypeOf(r)), r, {
    check(ctx) {
      if (!timing) return check.call(this, ctx);
      const t0 = performance.now();
      const out = check.call(this, ctx);
      const times = perRule.get(r.id) ?? perRule.set(r.id, []).get(r.id);
      times.push(performance.now() - t0);
      return out;
    },
  });
});
const project = engine.Project.create(await engine.EngineReady.load(), rules, [dir]);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const edits = editsFor(text, WARM + EDITS, SEED);
let current = text;
const total = [];
const index = [];
const model = [];
const lint = [];
let findings = 0;
let bytes = 0;
project.lint({ uri, text });
for (const [k, e] of edits.entries()) {
  current = current.slice(0, e.start) + e.text + current.slice(e.end);
  timing = k >= WARM;
  const t0 = performance.now();
  project.updateIndex(uri, current);
  const t1 = performance.now();
  engine.dockerModel(engine.parseAs('dockerfile', current));
  const t2 = performance.now();
  const res = project.lint({ uri, text: current });
  const t3 = performance.now();
  if (!timing) continue;
  index.push(t1 - t0);
  model.push(t2 - t1);
  lint.push(t3 - t2);
  total.push(t3 - t0);
  findings = res.findings.length;
  bytes = JSON.stringify(res.findings).length;
}
const ms = (x) => x.toFixed(3);
console.log(`${file ?? 'generated'}: ${text.split('\n').length} lines, ${EDITS} edits after ${WARM}; ${findings} findings (${bytes} bytes of JSON)`);
console.log(`median ms: total ${ms(median(total))}  index ${ms(median(index))}  parse+model ${ms(median(model))}  lint ${ms(median(lint))}`);
// Medians per rule (a mean would charge a garbage collection to whichever rule it fell in).
const rows = [...perRule].map(([id, t]) => [id, median(t)]);
console.log(`rules: ${ms(rows.reduce((a, r) => a + r[1], 0))} ms per edit (sum of medians)`);
for (const [id, t] of rows.sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`${(1000 * t).toFixed(0).padStart(6)} µs  ${id}`);
