// `npm run bench`: Shipshape against dockerfile-language-server-nodejs and yaml-language-server
// (Kubernetes schema, offline) on the same files and the same seeded edits, in one run.
//
//   node bench/run.mjs [--seed N] [--edits N] [--first N] [--quick] [--no-peers] [--docs] [--only NAME] [--cli-runs N]
//                      [--pull] [--cases-only] [--cli-scaling-only]
//
// Writes bench/results.json and bench/results.md; `--docs` (or `--readme`) also rewrites
// docs/performance.md (from bench/performance-notes.md and the results) and the README's summary.
// Measuring is here; rendering is in report.mjs (`node bench/report.mjs` re-renders a results file).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { LspServer, uriOf } from './lsp.mjs';
import { chart, corpusFiles, dockerfile, editsFor, manifest, pick, rng, workspace } from './inputs.mjs';
import { writeKubernetesSchema } from './k8s-schema.mjs';
import { loadEngine } from './bundle-engine.mjs';
import { FIRST_EDITS, renderTables, renderTargets, writeDocs } from './report.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(import.meta.url);
const CORPUS = path.resolve(ROOT, '../shared/corpus');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const quick = flag('--quick');
const SEED = Number(value('--seed', 9));
const EDITS = Number(value('--edits', quick ? 10 : 200));
/** The edits right after opening, reported apart from the steady state (the edits after them). */
const FIRST = Number(value('--first', quick ? Math.min(5, EDITS) : Math.min(FIRST_EDITS, EDITS)));
const BIG_EDITS = Number(value('--big-edits', quick ? 4 : 10));
const ONLY = value('--only', undefined);
const PEERS = !flag('--no-peers');
/** Also run the server as a pulling client uses it (LSP 3.17 `textDocument/diagnostic`), in lockstep. */
const PULL = flag('--pull');
/** Only the editing cases (no CLI throughput, no workspace index): for measuring one change quickly. */
const CASES_ONLY = flag('--cases-only');
const WORKSPACE_FILES = Number(value('--workspace', quick ? 1000 : 5000));
const CLI_TIMEOUT_S = Number(value('--cli-timeout', quick ? 60 : 300));
const GENERATED_CORPUS = Number(value('--generated-corpus', quick ? 2000 : 10000));
const CLI_RUNS = Number(value('--cli-runs', quick ? 1 : 3));

const log = (s) => process.stderr.write(`${s}\n`);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-bench-'));

// ---------------------------------------------------------------------------------------------
// Servers

const schemaFile = path.join(tmp, 'kubernetes-schema', 'all.json');
const schemaInfo = writeKubernetesSchema(schemaFile);
const YAML_SETTINGS = {
  validate: true,
  hover: false,
  completion: false,
  format: { enable: false },
  schemas: { [uriOf(schemaFile)]: ['*.yaml', '*.yml'] },
  schemaStore: { enable: false, url: '' },
  kubernetesCRDStore: { enable: false },
  customTags: [],
};
/** The environment the extension starts the server with (client/src/launch.ts), set once the engine bundle loads. */
let shipshapeEnv = {};
const SERVERS = {
  shipshape: () => new LspServer('shipshape', [path.join(ROOT, 'dist/server.js'), '--stdio'], { shipshape: {} }, { env: shipshapeEnv }),
  // The same server pulled (LSP 3.17), as VS Code's client does: run beside the others with --pull.
  // The least any server on vscode-languageserver does per edit: sync the text, publish nothing.
  'bare server': () => new LspServer('bare server', [path.join(ROOT, 'bench/bare-server.cjs'), '--stdio']),
  'shipshape (pull)': () =>
    new LspServer('shipshape (pull)', [path.join(ROOT, 'dist/server.js'), '--stdio'], { shipshape: {} }, { pull: true, env: shipshapeEnv }),
  'dockerfile-language-server': () =>
    new LspServer('dockerfile-language-server', [require.resolve('dockerfile-language-server-nodejs/bin/docker-langserver'), '--stdio'], {
      'docker.languageserver.diagnostic': {},
      'docker.languageserver.formatter': {},
      docker: { languageserver: { diagnostic: {}, formatter: {} } },
    }),
  'yaml-language-server': () =>
    new LspServer('yaml-language-server', [path.join(ROOT, 'bench/yaml-ls-nodelay.cjs'), '--stdio'], {
      yaml: YAML_SETTINGS,
      '[yaml]': {},
      http: { proxy: '', proxyStrictSSL: false },
      editor: { tabSize: 2 },
      files: {},
    }),
};

// ---------------------------------------------------------------------------------------------
// Statistics

function stats(values) {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  return { n: s.length, min: s[0], median: q(0.5), p95: q(0.95), max: s[s.length - 1] };
}
const round = (x, d = 2) => (x === undefined || Number.isNaN(x) ? undefined : Math.round(x * 10 ** d) / 10 ** d);
const mb = (bytes) => round(bytes / 1024 / 1024, 1);

/**
 * Median wall time of `fn(i)` for i = n … 2n − 1, after as many untimed runs (i = 0 … n − 1). V8
 * optimises the code while it runs: after a single warm-up, the first input was timed while still
 * cold (the first typical Dockerfile's check at 4.45× its parse, against 0.66–1.27× for the other
 * three; after 20 warm-up runs, 1.62× against 0.71–1.17×).
 */
function timeIt(fn, n) {
  for (let i = 0; i < n; i++) fn(i);
  const t = [];
  for (let i = n; i < 2 * n; i++) {
    const t0 = performance.now();
    fn(i);
    t.push(performance.now() - t0);
  }
  return stats(t).median;
}

// ---------------------------------------------------------------------------------------------
// Inputs

/** Copies (or writes) a file into its own folder, so each server sees a one-file workspace. */
function isolate(name, fileName, text) {
  const dir = path.join(tmp, 'cases', name);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, fileName);
  fs.writeFileSync(file, text);
  return { dir, file };
}

function buildCases() {
  const cases = [];
  const random = rng(SEED);
  const typicalDocker = fs.existsSync(CORPUS)
    ? pick(corpusFiles(path.join(CORPUS, 'docker'), (n) => /Dockerfile/i.test(n), 50, 300), quick ? 2 : 4, random).map((p) => ({
        label: path.relative(path.join(CORPUS, 'docker'), p).split(path.sep)[0],
        text: fs.readFileSync(p, 'utf8'),
      }))
    : [{ label: 'generated', text: dockerfile(90) }];
  const typicalYaml = fs.existsSync(CORPUS)
    ? pick(
        corpusFiles(path.join(CORPUS, 'k8s'), (n) => /\.ya?ml$/.test(n), 50, 300).filter((p) =>
          /^apiVersion\s*:/m.test(fs.readFileSync(p, 'utf8')),
        ),
        quick ? 2 : 4,
        random,
      ).map((p) => ({ label: path.relative(path.join(CORPUS, 'k8s'), p).split(path.sep)[0], text: fs.readFileSync(p, 'utf8') }))
    : [{ label: 'generated', text: manifest(5) }];
  typicalDocker.forEach((t, i) => {
    const { dir, file } = isolate(`typical-docker-${i}`, 'Dockerfile', t.text);
    cases.push({ name: `Dockerfile, typical (${t.label})`, group: 'typical', dir, file, languageId: 'dockerfile', peer: 'dockerfile-language-server', edits: EDITS });
  });
  typicalYaml.forEach((t, i) => {
    const { dir, file } = isolate(`typical-yaml-${i}`, 'manifest.yaml', t.text);
    cases.push({ name: `Manifest, typical (${t.label})`, group: 'typical', dir, file, languageId: 'yaml', peer: 'yaml-language-server', edits: EDITS });
  });
  {
    const { dir, file } = isolate('big-docker', 'Dockerfile', dockerfile(1000));
    // Both servers answer an edit of it in well under a second, so it gets the typical files' count.
    cases.push({ name: 'Dockerfile, 1,000 lines', group: 'large', dir, file, languageId: 'dockerfile', peer: 'dockerfile-language-server', edits: EDITS });
  }
  {
    const { dir, file } = isolate('big-manifest', 'all.yaml', manifest(quick ? 400 : 2000));
    cases.push({ name: `Manifest, ${quick ? 400 : 2000} documents`, group: 'large', dir, file, languageId: 'yaml', peer: 'yaml-language-server', edits: BIG_EDITS });
  }
  {
    const dir = path.join(tmp, 'cases', 'chart');
    const files = chart(dir, 40);
    cases.push({ name: 'Chart, 40 templates', group: 'chart', dir, files, languageId: 'yaml', peer: 'yaml-language-server', edits: EDITS });
  }
  return cases.filter((c) => !ONLY || c.name.toLowerCase().includes(ONLY.toLowerCase()));
}

// ---------------------------------------------------------------------------------------------
// Sessions

/**
 * Runs one input on several servers in lockstep (each open, code action and edit goes to every
 * server before the next, in alternating order), so load from other processes on the machine
 * falls on all of them alike.
 */
async function runCase(c, names) {
  const servers = names.map((n) => ({ name: n, srv: SERVERS[n](), open: [], edit: [], codeAction: [], diagnostics: 0, error: undefined }));
  const each = async (k, fn) => {
    const order = k % 2 ? [...servers].reverse() : servers;
    for (const s of order) {
      if (s.error) continue;
      try {
        await fn(s);
      } catch (e) {
        s.error = String(e.message ?? e);
      }
    }
  };
  try {
    await each(0, (s) => s.srv.withTimeout(s.srv.initialize(c.dir), 60_000, 'initialize answer'));
    const files = c.files ?? [c.file];
    for (const [k, file] of files.entries()) {
      const text = fs.readFileSync(file, 'utf8');
      const uri = uriOf(file);
      await each(k, async (s) => {
        const first = await s.srv.open(uri, c.languageId, text);
        s.open.push(first.ms);
        await s.srv.settle(uri);
        const diagnostics = s.srv.latest.get(uri)?.diagnostics ?? first.diagnostics;
        s.diagnostics += diagnostics.length;
        for (const d of diagnostics.slice(0, 200)) s.codeAction.push((await s.srv.codeAction(uri, d)).ms);
      });
    }
    // The edits go to the first file (for the chart: its first template).
    const uri = uriOf(files[0]);
    const edits = editsFor(fs.readFileSync(files[0], 'utf8'), c.edits, SEED + c.name.length);
    for (const [k, e] of edits.entries()) await each(k, async (s) => s.edit.push((await s.srv.edit(uri, e.start, e.end, e.text)).ms));
  } finally {
    for (const s of servers) s.peak = s.srv.memory().peak;
    await Promise.all(servers.map((s) => s.srv.shutdown()));
  }
  const out = {};
  for (const s of servers) {
    out[s.name] = s.error
      ? { error: s.error, stderr: s.srv.stderr.slice(-2000) }
      : {
          open: stats(s.open),
          edit: stats(s.edit),
          // The same edits split: V8 optimises a server's code while it runs, so the edits right after
          // opening show its warm-up (what a user meets first) and the rest its steady state.
          editFirst: stats(s.edit.slice(0, FIRST)),
          editSteady: stats(s.edit.slice(FIRST)),
          codeAction: stats(s.codeAction),
          diagnostics: s.diagnostics,
          peakRssMb: mb(s.peak),
        };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Floor: bare parse time against the engine's in-process check time

function floorFor(engine, c) {
  const YAML = require('yaml');
  const { DockerfileParser } = require('dockerfile-ast');
  const files = c.files ?? [c.file];
  const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
  const runs = c.group === 'large' ? 5 : 20;
  const parse = timeIt(() => {
    for (const t of texts) {
      if (c.languageId === 'dockerfile') DockerfileParser.parse(t);
      else YAML.parseAllDocuments(t);
    }
  }, runs);
  const project = engine.Project.create(engineReady, engine.RULES, [c.dir]);
  // A different first line each run: the engine shares one parse per text and re-parses a file from its
  // first changed line or document, and the floor must be a parse from scratch.
  const variants = Array.from({ length: 2 * runs }, (_, r) => texts.map((t) => `# run ${r}\n${t}`));
  const check = timeIt((r) => {
    const run = variants[r];
    files.forEach((f, i) => {
      project.updateIndex(uriOf(f), run[i]);
      project.lint({ uri: uriOf(f), text: run[i] });
    });
  }, runs);
  return { parseMs: round(parse, 3), checkMs: round(check, 3), ratio: round(check / parse, 2) };
}

/**
 * The Dockerfile diagnostics of both servers without their transports: the same seeded edits
 * applied in-process, every version checked by Shipshape (index update and lint) and by
 * `dockerfile-utils` `validate` (what dockerfile-language-server runs for its diagnostics), timed
 * on every edit.
 */
function dockerfileEngines(engine, c) {
  const { validate } = require('dockerfile-utils');
  const text = fs.readFileSync(c.file, 'utf8');
  const project = engine.Project.create(engineReady, engine.RULES, [c.dir]);
  const uri = uriOf(c.file);
  const own = [];
  const peer = [];
  let current = text;
  project.lint({ uri, text: current });
  validate(current, {});
  for (const e of editsFor(text, 400, SEED + c.name.length)) {
    current = current.slice(0, e.start) + e.text + current.slice(e.end);
    let t0 = performance.now();
    project.updateIndex(uri, current);
    project.lint({ uri, text: current });
    own.push(performance.now() - t0);
    t0 = performance.now();
    validate(current, {});
    peer.push(performance.now() - t0);
  }
  const o = stats(own).median;
  const v = stats(peer).median;
  return { shipshapeMs: round(o, 3), dockerfileUtilsMs: round(v, 3), ratio: round(v / o, 1) };
}

// ---------------------------------------------------------------------------------------------
// CLI throughput and the workspace index

function countObjects(dir) {
  const YAML = require('yaml');
  let objects = 0;
  let files = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'templates' && e.name !== '.git') walk(p);
      } else if (/Dockerfile/i.test(e.name)) {
        objects++;
        files++;
      } else if (/\.ya?ml$/.test(e.name)) {
        const text = fs.readFileSync(p, 'utf8');
        if (!/^apiVersion\s*:/m.test(text)) continue;
        files++;
        try {
          for (const doc of YAML.parseAllDocuments(text)) if (doc.get?.('kind')) objects++;
        } catch {
          /* counted as a file only */
        }
      }
    }
  };
  walk(dir);
  return { objects, files };
}

/**
 * Seconds a fresh process needs to read and parse (with the engine's `yaml` options, or
 * `dockerfile-ast`) every file the CLI checks under `dirs`: the floor of the CLI's time.
 */
function parseFloor(dirs) {
  const script = `
    const fs = require('fs'), path = require('path'), YAML = require('yaml'), { DockerfileParser } = require('dockerfile-ast');
    const t0 = performance.now();
    const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) { if (e.name !== '.git' && e.name !== 'node_modules') walk(p); }
      else if (/(^|\\.)(Docker|Container)file(\\..*)?$/i.test(e.name)) DockerfileParser.parse(fs.readFileSync(p, 'utf8'));
      else if (/\\.ya?ml$/i.test(e.name)) YAML.parseAllDocuments(fs.readFileSync(p, 'utf8'), { prettyErrors: false, uniqueKeys: true, strict: false, logLevel: 'error' });
    } };
    for (const d of ${JSON.stringify(dirs)}) walk(d);
    process.stdout.write(String((performance.now() - t0) / 1000));`;
  const res = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', timeout: CLI_TIMEOUT_S * 1000 });
  return Number(res.stdout) || NaN;
}

function cliThroughput() {
  const out = [];
  const targets = [];
  if (fs.existsSync(CORPUS)) for (const d of ['docker', 'k8s', 'helm']) targets.push({ name: `corpus ${d}/`, dirs: [path.join(CORPUS, d)] });
  const gen = path.join(tmp, 'generated-corpus');
  workspace(gen, GENERATED_CORPUS);
  targets.push({ name: `generated, ${GENERATED_CORPUS.toLocaleString('en')} manifests`, dirs: [gen] });
  for (const t of targets) {
    const counted = t.dirs.map(countObjects).reduce((a, b) => ({ objects: a.objects + b.objects, files: a.files + b.files }));
    // Each of the floor and the CLI is run CLI_RUNS times in turn and its median taken: a single run
    // swung by 10% and more (the files were just written, and the machine is shared).
    const floors = [];
    const times = [];
    let res;
    for (let run = 0; run < CLI_RUNS; run++) {
      floors.push(parseFloor(t.dirs));
      const t0 = performance.now();
      res = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'check', '--format', 'json', ...t.dirs], {
        cwd: tmp,
        timeout: CLI_TIMEOUT_S * 1000,
        maxBuffer: 1024 * 1024 * 1024,
        encoding: 'utf8',
      });
      times.push((performance.now() - t0) / 1000);
    }
    const floor = stats(floors).median;
    const seconds = stats(times).median;
    let findings;
    try {
      findings = JSON.parse(res.stdout).length;
    } catch {
      findings = undefined;
    }
    out.push({
      name: t.name,
      ...counted,
      seconds: round(seconds, 2),
      exitCode: res.status,
      timedOut: res.error?.code === 'ETIMEDOUT' || res.signal === 'SIGTERM',
      findings,
      objectsPerSecond: Math.round(counted.objects / seconds),
      parseSeconds: round(floor, 2),
      parseObjectsPerSecond: Math.round(counted.objects / floor),
      stderr: res.stderr ? res.stderr.slice(-500) : undefined,
    });
  }
  return out;
}

/**
 * `shipshape check` on the generated manifests by cores (`--jobs 1`, `--jobs 2`) and by shards
 * (`--shard 1/2` and `2/2`, each on one core, as two CI jobs would run them), beside the bare-parse
 * floor. The files are a project of their own (a `.git` folder marks its root), so the CLI indexes
 * them and nothing else. Each repeat runs every command once, in turn (lockstep: a busy machine
 * slows them alike); the median, min and max of the wall times are kept.
 */
function cliScaling() {
  const dir = path.join(tmp, 'cli-scaling');
  workspace(path.join(dir, 'gen'), GENERATED_CORPUS);
  fs.mkdirSync(path.join(dir, '.git'), { recursive: true });
  const { objects, files } = countObjects(path.join(dir, 'gen'));
  const runs = {
    floor: { label: 'bare `yaml` parse, one core', args: undefined },
    jobs1: { label: '--jobs 1', args: ['--jobs', '1'] },
    jobs2: { label: '--jobs 2', args: ['--jobs', '2'] },
    shard1: { label: '--shard 1/2 --jobs 1', args: ['--shard', '1/2', '--jobs', '1'] },
    shard2: { label: '--shard 2/2 --jobs 1', args: ['--shard', '2/2', '--jobs', '1'] },
  };
  const times = Object.fromEntries(Object.keys(runs).map((k) => [k, []]));
  const outputs = {};
  for (let run = 0; run < Math.max(CLI_RUNS, 3); run++) {
    for (const [key, r] of Object.entries(runs)) {
      if (!r.args) {
        times[key].push(parseFloor([path.join(dir, 'gen')]));
        continue;
      }
      const t0 = performance.now();
      const res = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'check', '--format', 'json', ...r.args, 'gen'], {
        cwd: dir,
        timeout: CLI_TIMEOUT_S * 1000,
        maxBuffer: 1024 * 1024 * 1024,
        encoding: 'utf8',
      });
      times[key].push((performance.now() - t0) / 1000);
      outputs[key] = { exitCode: res.status, stdout: res.stdout, stderr: res.stderr ? res.stderr.slice(-500) : undefined };
    }
  }
  const findings = (key) => {
    try {
      return JSON.parse(outputs[key].stdout).length;
    } catch {
      return undefined;
    }
  };
  const out = { files, objects, runs: Math.max(CLI_RUNS, 3), cores: os.availableParallelism(), rows: [] };
  for (const [key, r] of Object.entries(runs)) {
    const st = stats(times[key]);
    const row = { key, label: r.label, seconds: round(st.median), min: round(st.min), max: round(st.max) };
    // A shard checks half of the files; its rate is over the files it checks.
    const checked = key.startsWith('shard') ? undefined : files;
    if (checked) row.filesPerSecond = Math.round(checked / st.median);
    if (r.args) {
      row.exitCode = outputs[key].exitCode;
      row.findings = findings(key);
      if (outputs[key].exitCode !== 0 && outputs[key].exitCode !== 1) row.stderr = outputs[key].stderr;
    }
    out.rows.push(row);
  }
  const byKey = Object.fromEntries(out.rows.map((r) => [r.key, r]));
  // The output must not depend on the number of workers, and the shards must add up to the whole.
  out.jobsIdentical = outputs.jobs1.stdout === outputs.jobs2.stdout;
  out.shardFindings = (byKey.shard1.findings ?? NaN) + (byKey.shard2.findings ?? NaN);
  out.speedup = round(byKey.jobs1.seconds / byKey.jobs2.seconds);
  out.jobs1VsFloor = round(byKey.floor.seconds / byKey.jobs1.seconds);
  // The shape bench/report.mjs renders: the floor, one row per `--jobs`, one per shard.
  const rate = (r) => Math.round(objects / r.seconds);
  return {
    name: `${files.toLocaleString('en')} generated manifests, a project of their own (median of ${out.runs} lockstep runs, min–max)`,
    files,
    objects,
    parseSeconds: byKey.floor.seconds,
    jobs: ['jobs1', 'jobs2'].map((k, i) => ({ jobs: i + 1, seconds: byKey[k].seconds, 'min–max': `${byKey[k].min}–${byKey[k].max}`, objectsPerSecond: rate(byKey[k]), findings: byKey[k].findings })),
    shards: ['shard1', 'shard2'].map((k, i) => ({ shard: `${i + 1}/2 (--jobs 1)`, seconds: byKey[k].seconds, 'min–max': `${byKey[k].min}–${byKey[k].max}`, findings: byKey[k].findings })),
    jobsIdentical: out.jobsIdentical,
    shardFindings: out.shardFindings,
  };
}

async function workspaceIndex() {
  const dir = path.join(tmp, 'workspace');
  workspace(dir, WORKSPACE_FILES);
  const srv = SERVERS.shipshape();
  try {
    const t0 = performance.now();
    const ready = srv.waitNotification('shipshape/indexStatus', (p) => p.state === 'ready', 300_000);
    await srv.initialize(dir);
    const status = await ready;
    const indexMs = performance.now() - t0;
    const afterIndex = srv.memory();
    // One edit in an indexed file: only that file is re-read (from the buffer), never the workspace.
    const file = path.join(dir, 'team-0', 'app-0', 'object-0.yaml');
    const text = fs.readFileSync(file, 'utf8');
    const uri = uriOf(file);
    await srv.open(uri, 'yaml', text);
    const edits = [];
    for (const e of editsFor(text, EDITS, SEED)) edits.push((await srv.edit(uri, e.start, e.end, e.text)).ms);
    const mem = srv.memory();
    return {
      files: WORKSPACE_FILES,
      indexed: status.files,
      indexSeconds: round(indexMs / 1000, 2),
      rssAfterIndexMb: mb(afterIndex.rss),
      peakRssMb: mb(mem.peak),
      edit: stats(edits),
    };
  } catch (e) {
    return { error: String(e.message ?? e), stderr: srv.stderr.slice(-2000) };
  } finally {
    await srv.shutdown();
  }
}

/**
 * The transport floor: the same edits of a plain-text document, which Shipshape answers with an
 * empty publish and no check, timed over stdio, in lockstep with a server that does nothing but keep
 * the text and publish an empty list (what the client, the transport and vscode-languageserver cost
 * on their own). An edit of any file costs at least this, so a peer's median over it bounds the
 * ratio any check could reach.
 */
async function transportFloor() {
  const text = 'Notes on the rollout.\n\nNothing here is checked; the edits only travel to the server and back.\n';
  const { dir, file } = isolate('round-trip', 'notes.txt', text);
  return runCase({ name: 'Round trip', dir, file, languageId: 'plaintext', edits: EDITS }, ['shipshape', 'bare server']);
}

/** The measured commit, with a mark when the tree had changes that are not committed. */
function commitOf() {
  const git = (...a) => spawnSync('git', a, { cwd: ROOT, encoding: 'utf8' });
  const head = git('rev-parse', '--short', 'HEAD').stdout?.trim();
  if (!head) return undefined;
  const dirty = git('status', '--porcelain', '--untracked-files=no').stdout?.trim();
  return dirty ? `${head} (with uncommitted changes)` : head;
}

/** The loaded engine's parsers (awaited once in `main`, as every front end does). */
let engineReady;

async function main() {
  if (flag('--cli-scaling-only')) {
    // Only the CLI by cores and shards, printed (results.json is left as it is).
    const s = cliScaling();
    process.stdout.write(`${JSON.stringify(s, null, 2)}\n`);
    fs.rmSync(tmp, { recursive: true, force: true });
    return;
  }
  if (!fs.existsSync(path.join(ROOT, 'dist/server.js'))) throw new Error('dist/server.js is missing: run `node scripts/bundle.mjs` first.');
  const engine = await loadEngine();
  shipshapeEnv = engine.SERVER_ENV;
  engineReady = await engine.EngineReady.load();
  const cases = buildCases();
  const results = {
    date: new Date().toISOString().slice(0, 10),
    machine: `${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}`,
    node: process.versions.node,
    commit: commitOf(),
    seed: SEED,
    edits: EDITS,
    firstEdits: FIRST,
    quick,
    schema: schemaInfo,
    peers: {
      dockerfile: require('dockerfile-language-server-nodejs/package.json').version,
      yaml: require('yaml-language-server/package.json').version,
    },
    cases: [],
    cli: [],
    workspace: undefined,
  };
  // The CLI and the workspace index are measured first, in absolute time, on a machine the bench has
  // not yet loaded: after all the cases (the 2,000-document manifest keeps both cores busy for about a
  // minute) the same CLI command and its bare-parse floor both ran 12–16% slower; after two typical
  // cases they did not. The cases are measured in lockstep with their peers, so their ratios do not
  // depend on what ran before.
  if (!CASES_ONLY) {
    log('CLI throughput…');
    results.cli = cliThroughput();
    log('CLI by cores and shards…');
    try {
      results.cliScaling = cliScaling();
    } catch (e) {
      results.cliScaling = { error: String(e?.message ?? e) };
    }
    log(`Workspace of ${WORKSPACE_FILES} manifests…`);
    results.workspace = await workspaceIndex();
  }
  for (const c of cases) {
    const files = c.files ?? [c.file];
    const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
    const entry = { name: c.name, group: c.group, kind: c.languageId, peer: c.peer, files: files.length, lines: texts.reduce((n, t) => n + t.split('\n').length, 0), servers: {} };
    log(`${c.name}…`);
    entry.servers = await runCase(c, ['shipshape', ...(PULL ? ['shipshape (pull)'] : []), ...(PEERS ? [c.peer] : [])]);
    entry.floor = floorFor(engine, c);
    if (c.languageId === 'dockerfile' && PEERS) entry.engines = dockerfileEngines(engine, c);
    results.cases.push(entry);
  }
  log('Round trip…');
  results.transportFloor = await transportFloor();
  results.roundTrip = results.transportFloor.shipshape;
  fs.writeFileSync(path.join(ROOT, 'bench/results.json'), JSON.stringify(results, null, 2));
  const table = `${renderTargets(results)}\n\n${renderTables(results)}\n`;
  fs.writeFileSync(path.join(ROOT, 'bench/results.md'), table);
  process.stdout.write(table);
  if (flag('--docs') || flag('--readme')) writeDocs(results, ROOT, log);
  fs.rmSync(tmp, { recursive: true, force: true });
}

main().catch((e) => {
  log(`bench: ${e.stack ?? e}`);
  process.exitCode = 1;
});
