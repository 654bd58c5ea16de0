/**
 * `npm run fuzz`: the long, seeded bad-input run. Mutates the test fixtures (and the corpus beside
 * the project, when present), checks every engine invariant in-process, drives the bundled
 * language server with the same kind of inputs (every change must be answered by a publish within
 * a bound, every code action request answered, memory bounded), and runs the CLI on mutated and
 * unreadable files (exit 0/1 for readable input, 2 with a message for unreadable input, never a
 * stack trace).
 *
 *   node out/test/fuzz/run.js [--count N] [--seed N] [--lsp N] [--scale X] [--no-cli] [--corpus DIR] [--workers N]
 *
 * `--workers N` shares the in-process engine mutations and truncations among N processes (each
 * with its own seed); the hostile inputs, the language server and the CLI run in the first.
 *
 * Failures are written as reproducers to out/fuzz-failures/ and summarised; the exit code is 1
 * when any invariant broke.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver';
import { pathToFileUri } from '../../server/src/engine/uri';
import { checkInput, collectSeeds, loadEngine, type FuzzFailure, type Seed } from './check';
import { hostileFiles, hostileInputs, mutate, seeded, writeExtra, type Random } from './mutate';

const ROOT = path.resolve(__dirname, '../../..');
const args = process.argv.slice(2);
const opt = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const COUNT = opt('--count', 20_000);
const SEED = opt('--seed', 10);
const LSP_COUNT = opt('--lsp', 1_000);
const SCALE = opt('--scale', 1);
const PUBLISH_BOUND_MS = opt('--publish-bound', 60_000);
const RSS_GROWTH_BOUND_MB = opt('--rss-growth', 400);
const SERVER_HEAP_MB = opt('--server-heap', 1200);
const WORKERS = Math.max(1, opt('--workers', 1));
/** Set in a worker process: its index among the workers. */
const WORKER = opt('--worker', -1);
const corpusArg = args.indexOf('--corpus');
const CORPUS = corpusArg >= 0 ? path.resolve(args[corpusArg + 1]!) : path.resolve(ROOT, '../shared/corpus');
const FAIL_DIR = path.join(ROOT, 'out/fuzz-failures');

interface Recorded extends FuzzFailure {
  readonly phase: string;
  readonly input: string;
  readonly reproducer?: string;
}

const failures: Recorded[] = [];
let tried = 0;
const log = (s: string) => process.stderr.write(`${s}\n`);

function record(phase: string, input: string, f: FuzzFailure, file?: string, text?: string): void {
  let reproducer: string | undefined;
  if (text !== undefined && failures.length < 500) {
    fs.mkdirSync(FAIL_DIR, { recursive: true });
    reproducer = path.join(FAIL_DIR, `${WORKER >= 0 ? `w${WORKER}-` : ''}${failures.length}-${path.basename(file ?? 'input')}`);
    fs.writeFileSync(reproducer, text);
  }
  failures.push({ ...f, phase, input, reproducer });
}

function pick<T>(random: Random, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

// ---------------------------------------------------------------------------------------------

function engineMutations(seeds: readonly Seed[], random: Random, count: number): void {
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const seed = pick(random, seeds);
    const m = mutate(seed.text, random);
    const res = checkInput(seed.file, m.text);
    tried++;
    for (const f of res.failures) record('engine', `${m.name} of ${path.relative(ROOT, seed.file)}`, f, seed.file, m.text);
    if ((i + 1) % 5000 === 0)
      log(
        `  engine${WORKER >= 0 ? ` (worker ${WORKER})` : ''}: ${i + 1} mutations, ${failures.length} failures, ${Math.round(performance.now() - t0)} ms`,
      );
  }
}

function engineTruncations(seeds: readonly Seed[], maxLength: number, shard = 0, shards = 1): void {
  for (const [i, seed] of seeds.entries()) {
    if (seed.text.length > maxLength || i % shards !== shard) continue;
    for (let p = 0; p <= seed.text.length; p++) {
      const text = seed.text.slice(0, p);
      const res = checkInput(seed.file, text);
      tried++;
      for (const f of res.failures) record('engine', `truncation at ${p} of ${path.relative(ROOT, seed.file)}`, f, seed.file, text);
    }
  }
}

function engineHostile(dir: string): { name: string; ms: number; findings: number }[] {
  const out = [];
  for (const h of hostileInputs(SCALE)) {
    writeExtra(dir, h);
    const file = path.join(dir, h.file);
    const res = checkInput(file, h.text, dir, 3);
    tried++;
    for (const f of res.failures) record('engine', h.name, f, file, h.text.length < 5e6 ? h.text : undefined);
    out.push({ name: h.name, ms: Math.round(res.ms), findings: res.findings });
    log(`  hostile: ${h.name}: ${Math.round(res.ms)} ms, ${res.findings} findings`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

function rssOf(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

async function languageServer(seeds: readonly Seed[], random: Random, dir: string): Promise<{ inputs: number; rss: number[] }> {
  // A heap limit, as the editor's extension host has one: V8 otherwise grows a large heap lazily
  // (RSS climbing with no leak), while a real leak now ends in an out-of-memory exit, which fails.
  const proc = spawn(process.execPath, [`--max-old-space-size=${SERVER_HEAP_MB}`, path.join(ROOT, 'dist/server.js'), '--stdio'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => {
    if (stderr.length < 200_000) stderr += d.toString();
  });
  let exited = false;
  proc.once('exit', () => (exited = true));
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const waiters = new Map<string, { version: number; resolve: (p: PublishDiagnosticsParams) => void }>();
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    const w = waiters.get(p.uri);
    if (w && p.version === w.version) {
      waiters.delete(p.uri);
      w.resolve(p);
    }
  });
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  const bounded = <T>(p: Promise<T>, what: string): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      p,
      new Promise<T>(
        (_, reject) => (timer = setTimeout(() => reject(new Error(`no ${what} within ${PUBLISH_BOUND_MS} ms`)), PUBLISH_BOUND_MS)),
      ),
    ]).finally(() => clearTimeout(timer));
  };
  await bounded(
    conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileUri(dir),
      workspaceFolders: [{ uri: pathToFileUri(dir), name: 'fuzz' }],
      capabilities: {
        workspace: { configuration: true },
        textDocument: { publishDiagnostics: { versionSupport: true, dataSupport: true } },
      },
    }),
    'initialize answer',
  );
  await conn.sendNotification('initialized', {});
  const rss: number[] = [];
  // Open documents, oldest first. Like an editor closing old tabs, at most OPEN_DOCUMENTS stay
  // open, so the memory check measures the server rather than the number of files it was given.
  const versions = new Map<string, number>();
  const OPEN_DOCUMENTS = 16;
  const inputs = [
    ...hostileInputs(SCALE).map((h) => ({ file: path.join(dir, h.file), name: h.name, text: h.text })),
    ...Array.from({ length: LSP_COUNT }, () => {
      const seed = pick(random, seeds);
      const m = mutate(seed.text, random);
      return { file: path.join(dir, path.basename(seed.file)), name: `${m.name} of ${path.relative(ROOT, seed.file)}`, text: m.text };
    }),
  ];
  let n = 0;
  for (const input of inputs) {
    if (exited) {
      record('server', input.name, { invariant: 'no-throw', message: `the server exited; stderr: ${stderr.slice(-2000)}` });
      break;
    }
    const uri = pathToFileUri(input.file);
    const version = (versions.get(uri) ?? 0) + 1;
    versions.delete(uri);
    versions.set(uri, version);
    const published = new Promise<PublishDiagnosticsParams>((resolve) => waiters.set(uri, { version, resolve }));
    try {
      if (version === 1) {
        await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version, text: input.text } });
      } else {
        await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: input.text }] });
      }
      const p = await bounded(published, `publishDiagnostics for version ${version}`);
      tried++;
      for (const d of p.diagnostics) {
        if (d.code === 'shipshape/internal-error') {
          record(
            'server',
            input.name,
            { invariant: 'no-internal-error', message: typeof d.message === 'string' ? d.message : d.message.value },
            input.file,
            input.text.length < 5e6 ? input.text : undefined,
          );
        }
      }
      if (n % 5 === 0) {
        for (const d of p.diagnostics.slice(0, 5)) {
          await bounded(
            conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } }),
            'codeAction answer',
          );
        }
      }
    } catch (e) {
      waiters.delete(uri);
      record(
        'server',
        input.name,
        { invariant: 'no-throw', message: String(e) },
        input.file,
        input.text.length < 5e6 ? input.text : undefined,
      );
    }
    n++;
    while (versions.size > OPEN_DOCUMENTS) {
      const oldest = versions.keys().next().value!;
      versions.delete(oldest);
      await conn.sendNotification('textDocument/didClose', { textDocument: { uri: oldest } });
    }
    if (n % 100 === 0) rss.push(rssOf(proc.pid!));
    if (n % 500 === 0) log(`  server: ${n} inputs, ${failures.length} failures, RSS ${Math.round(rssOf(proc.pid!))} MB`);
  }
  rss.push(rssOf(proc.pid!));
  if (stderr.includes('internal error') || /\n\s+at /.test(stderr)) {
    record('server', 'stderr', { invariant: 'no-throw', message: `the server logged an exception: ${stderr.slice(0, 2000)}` });
  }
  // Memory: after the hostile inputs (which legitimately need a lot), the mutated inputs may not
  // keep growing the heap.
  const settled = rss.slice(Math.floor(rss.length / 4));
  if (settled.length >= 2 && settled[settled.length - 1]! - Math.min(...settled) > RSS_GROWTH_BOUND_MB) {
    record('server', 'memory', {
      invariant: 'no-throw',
      message: `RSS grew from ${Math.min(...settled)} MB to ${settled[settled.length - 1]} MB`,
    });
  }
  try {
    await bounded(conn.sendRequest('shutdown'), 'shutdown answer');
    await conn.sendNotification('exit');
  } catch {
    proc.kill('SIGKILL');
  }
  conn.dispose();
  return { inputs: n, rss };
}

// ---------------------------------------------------------------------------------------------

const STACK = /\n\s+at .+:\d+:\d+/;

function cli(args: readonly string[], cwd: string): { status: number | null; stderr: string; stdout: string } {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 600_000,
    maxBuffer: 1 << 30,
  });
  return { status: r.status, stderr: r.stderr ?? '', stdout: r.stdout ?? '' };
}

function commandLine(seeds: readonly Seed[], random: Random, dir: string): number {
  let cases = 0;
  // Mutated but readable files: exit 0 or 1, never a stack trace.
  const mutated = path.join(dir, 'mutated');
  for (let i = 0; i < 300; i++) {
    const seed = pick(random, seeds);
    const sub = path.join(mutated, String(i));
    fs.mkdirSync(sub, { recursive: true });
    const m = mutate(seed.text, random);
    fs.writeFileSync(path.join(sub, path.basename(seed.file)), m.text);
  }
  const invalid = path.join(dir, 'bytes');
  fs.mkdirSync(invalid, { recursive: true });
  fs.writeFileSync(path.join(invalid, 'Dockerfile'), Buffer.from([0xff, 0xfe, 0x00, 0x46, 0x52, 0x4f, 0x4d, 0x0a, 0xc3, 0x28]));
  fs.writeFileSync(
    path.join(invalid, 'manifest.yaml'),
    Buffer.concat([Buffer.from('apiVersion: v1\nkind: ConfigMap\ndata:\n  a: '), Buffer.from([0xed, 0xa0, 0x80, 0xff]), Buffer.from('\n')]),
  );
  for (const target of [mutated, invalid]) {
    const r = cli(['check', '--format', 'json', target], dir);
    cases++;
    tried += target === mutated ? 300 : 2;
    if (r.status !== 0 && r.status !== 1)
      record('cli', target, { invariant: 'no-throw', message: `exit ${r.status}: ${r.stderr.slice(0, 1000)}` });
    if (STACK.test(r.stderr))
      record('cli', target, { invariant: 'no-throw', message: `stack trace on stderr: ${r.stderr.slice(0, 1000)}` });
    try {
      JSON.parse(r.stdout);
    } catch {
      record('cli', target, { invariant: 'no-throw', message: `stdout is not JSON: ${r.stdout.slice(0, 200)}` });
    }
  }
  // Unreadable input: exit 2 with a `shipshape:` message and no stack trace.
  const unreadable = path.join(dir, 'unreadable');
  fs.mkdirSync(path.join(unreadable, 'dir-named', 'Dockerfile'), { recursive: true });
  fs.symlinkSync(path.join(unreadable, 'nowhere'), path.join(unreadable, 'dangling.yaml'));
  fs.writeFileSync(path.join(unreadable, 'file'), 'x');
  const cases2: { name: string; args: string[]; expect: number[] }[] = [
    { name: 'missing path', args: ['check', path.join(unreadable, 'missing.yaml')], expect: [2] },
    { name: 'path through a file', args: ['check', path.join(unreadable, 'file', 'Dockerfile')], expect: [2] },
    { name: 'dangling symlink', args: ['check', path.join(unreadable, 'dangling.yaml')], expect: [0, 2] },
    { name: 'directory named Dockerfile', args: ['check', path.join(unreadable, 'dir-named')], expect: [0] },
    { name: 'missing config', args: ['check', '--config', path.join(unreadable, 'missing.yaml'), unreadable], expect: [2] },
    { name: 'config is a directory', args: ['check', '--config', unreadable, unreadable], expect: [2] },
    { name: 'binary config', args: ['check', '--config', path.join(invalid, 'Dockerfile'), invalid], expect: [0, 1, 2] },
    { name: 'unknown option', args: ['check', '--nope'], expect: [2] },
    { name: 'unknown format', args: ['check', '--format', 'xml', unreadable], expect: [2] },
  ];
  if (process.getuid?.() !== 0) {
    const locked = path.join(unreadable, 'locked.yaml');
    fs.writeFileSync(locked, 'apiVersion: v1\nkind: ConfigMap\n');
    fs.chmodSync(locked, 0);
    cases2.push({ name: 'unreadable file', args: ['check', locked], expect: [2] });
  }
  // Links to devices and FIFOs under names Shipshape reads: skipped with a message, never read.
  const devices = path.join(dir, 'devices');
  if (hostileFiles(devices).length > 0) cases2.push({ name: 'links to devices and FIFOs', args: ['check', devices], expect: [0, 1] });
  for (const c of cases2) {
    const r = cli(c.args, dir);
    cases++;
    tried++;
    if (!c.expect.includes(r.status ?? -1))
      record('cli', c.name, {
        invariant: 'no-throw',
        message: `exit ${r.status} (expected ${c.expect.join(' or ')}): ${r.stderr.slice(0, 500)}`,
      });
    if (r.status === 2 && !/shipshape: /.test(r.stderr))
      record('cli', c.name, { invariant: 'no-throw', message: `exit 2 without a message: ${r.stderr.slice(0, 500)}` });
    if (STACK.test(r.stderr))
      record('cli', c.name, { invariant: 'no-throw', message: `stack trace on stderr: ${r.stderr.slice(0, 1000)}` });
  }
  return cases;
}

// ---------------------------------------------------------------------------------------------

/** The engine share of worker `index`, run in a child process; its outcome comes back on stdout. */
function spawnWorker(index: number): Promise<{ tried: number; failures: Recorded[] }> {
  const argv = [__filename, ...args, '--worker', String(index)];
  const child = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => {
    child.once('exit', (code) => {
      try {
        resolve(JSON.parse(out) as { tried: number; failures: Recorded[] });
      } catch {
        resolve({
          tried: 0,
          failures: [{ invariant: 'no-throw', phase: 'engine', input: `worker ${index}`, message: `worker exited ${code}` }],
        });
      }
    });
  });
}

async function worker(seeds: readonly Seed[], fixtures: readonly Seed[]): Promise<void> {
  engineTruncations(fixtures, 2048, WORKER, WORKERS);
  engineMutations(seeds, seeded(SEED + WORKER), Math.round(COUNT / WORKERS));
  process.stdout.write(JSON.stringify({ tried, failures }));
}

async function main(): Promise<void> {
  // The shell parser of the Dockerfile rules loads asynchronously; fuzz it too.
  await loadEngine();
  const random = seeded(SEED);
  const fixtures = collectSeeds([path.join(ROOT, 'test/fixtures')]);
  const corpus = fs.existsSync(CORPUS) ? collectSeeds([CORPUS], 4000, 64 * 1024) : [];
  const seeds = [...fixtures, ...corpus];
  if (WORKER >= 0) return worker(seeds, fixtures);
  log(`fuzz: seed ${SEED}, ${fixtures.length} fixture files${corpus.length ? ` and ${corpus.length} corpus files` : ' (no corpus)'}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-fuzz-'));
  fs.rmSync(FAIL_DIR, { recursive: true, force: true });
  const t0 = performance.now();
  const workers = Array.from({ length: WORKERS - 1 }, (_, i) => spawnWorker(i + 1));
  log('engine: hostile inputs');
  const hostile = engineHostile(dir);
  log(`engine: truncation at every position (fixtures under 2 KB)${WORKERS > 1 ? `, in ${WORKERS} processes` : ''}`);
  engineTruncations(fixtures, 2048, 0, WORKERS);
  log(`engine: ${COUNT} random mutations${WORKERS > 1 ? `, in ${WORKERS} processes` : ''}`);
  engineMutations(seeds, random, WORKERS > 1 ? Math.round(COUNT / WORKERS) : COUNT);
  for (const w of await Promise.all(workers)) {
    tried += w.tried;
    failures.push(...w.failures);
  }
  let server: { inputs: number; rss: number[] } | undefined;
  if (LSP_COUNT > 0) {
    log(`server: hostile inputs and ${LSP_COUNT} mutations over stdio`);
    server = await languageServer(seeds, random, dir);
  }
  let cliCases = 0;
  if (!args.includes('--no-cli')) {
    log('cli: mutated and unreadable files');
    cliCases = commandLine(seeds, random, dir);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const summary = {
    seed: SEED,
    inputs: tried,
    seconds: Math.round((performance.now() - t0) / 1000),
    failures: failures.length,
    byRule: failures.reduce<Record<string, number>>(
      (m, f) => ((m[`${f.invariant} ${f.ruleId ?? f.phase}`] = (m[`${f.invariant} ${f.ruleId ?? f.phase}`] ?? 0) + 1), m),
      {},
    ),
    hostile,
    serverRssMb: server?.rss.map((x) => Math.round(x)),
    cliCases,
  };
  fs.mkdirSync(path.dirname(FAIL_DIR), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'out/fuzz-results.json'), JSON.stringify({ ...summary, details: failures.slice(0, 1000) }, null, 2));
  const seen = new Set<string>();
  for (const f of failures) {
    const key = `${f.invariant} ${f.ruleId ?? ''} ${f.message.slice(0, 80)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    log(
      `FAIL [${f.phase}] ${f.invariant}${f.ruleId ? ` (${f.ruleId})` : ''}: ${f.input}\n  ${f.message.split('\n').slice(0, 4).join('\n  ')}${f.reproducer ? `\n  reproducer: ${path.relative(ROOT, f.reproducer)}` : ''}`,
    );
  }
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  process.stdout.write(`${tried} inputs, ${failures.length} failures\n`);
  process.exitCode = failures.length ? 1 : 0;
}

main().catch((e: unknown) => {
  log(`fuzz: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exitCode = 1;
});
