// In-process cost of one Dockerfile edit: the bench's seeded edits applied to a file, each followed
// by the index update and the lint the server runs, with the parse and model and every rule timed apart.
//   node bench/edit-profile.mjs [FILE | --generated N] [--edits N] [--warm N] [--seed N] [--top N] [--against ENGINE.cjs]
// Without FILE, the bench's generated 1,000-line Dockerfile. `--against` times another bundle of the
// engine (bench/engine-entry.ts built from another commit) on the same edits in lockstep: each edit
// goes to both, in alternating order, so that load from other processes falls on both alike.
// Add `--cpu-prof` to node for a profile.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
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
const AGAINST = value('--against', undefined);
const text = file ? fs.readFileSync(file, 'utf8') : dockerfile(Number(value('--generated', 1000)));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-edit-'));
fs.writeFileSync(path.join(dir, 'Dockerfile'), text);
const uri = `file://${path.join(dir, 'Dockerfile')}`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One engine with its rules wrapped to time them, and the times of its edits. */
async function subject(label, engine) {
  const perRule = new Map();
  const s = { label, engine, perRule, timing: false, total: [], index: [], model: [], lint: [], findings: 0, bytes: 0 };
  const rules = engine.RULES.map((r) => {
    const check = r.check;
    return Object.assign(Object.create(Object.getPrototypeOf(r)), r, {
      check(ctx) {
        if (!s.timing) return check.call(this, ctx);
        const t0 = performance.now();
        const out = check.call(this, ctx);
        const times = perRule.get(r.id) ?? perRule.set(r.id, []).get(r.id);
        times.push(performance.now() - t0);
        return out;
      },
    });
  });
  s.project = engine.Project.create(await engine.EngineReady.load(), rules, [dir]);
  s.project.lint({ uri, text });
  return s;
}

function edit(s, current, timing) {
  s.timing = timing;
  const t0 = performance.now();
  s.project.updateIndex(uri, current);
  const t1 = performance.now();
  // The parse and the model the rules share, apart (the lint then finds both made).
  if (s.engine.dockerModel) s.engine.dockerModel(s.engine.parseAs('dockerfile', current));
  const t2 = performance.now();
  const res = s.project.lint({ uri, text: current });
  const t3 = performance.now();
  if (!timing) return;
  s.index.push(t1 - t0);
  s.model.push(t2 - t1);
  s.lint.push(t3 - t2);
  s.total.push(t3 - t0);
  s.findings = res.findings.length;
  s.bytes = JSON.stringify(res.findings).length;
}

const subjects = [await subject('this build', await loadEngine())];
if (AGAINST) subjects.push(await subject(path.basename(AGAINST), createRequire(import.meta.url)(path.resolve(AGAINST))));
let current = text;
for (const [k, e] of editsFor(text, WARM + EDITS, SEED).entries()) {
  current = current.slice(0, e.start) + e.text + current.slice(e.end);
  for (const s of k % 2 ? [...subjects].reverse() : subjects) edit(s, current, k >= WARM);
}
const ms = (x) => x.toFixed(3);
console.log(`${file ?? 'generated'}: ${text.split('\n').length} lines, ${EDITS} edits after ${WARM}`);
for (const s of subjects) {
  console.log(`\n${s.label}: ${s.findings} findings (${s.bytes} bytes of JSON)`);
  console.log(`median ms: total ${ms(median(s.total))}  index ${ms(median(s.index))}  parse+model ${ms(median(s.model))}  lint ${ms(median(s.lint))}`);
  // Medians per rule (a mean would charge a garbage collection to whichever rule it fell in).
  const rows = [...s.perRule].map(([id, t]) => [id, median(t)]);
  console.log(`rules: ${ms(rows.reduce((a, r) => a + r[1], 0))} ms per edit (sum of medians)`);
  for (const [id, t] of rows.sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`${(1000 * t).toFixed(0).padStart(6)} µs  ${id}`);
}
