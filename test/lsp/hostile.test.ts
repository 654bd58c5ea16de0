/**
 * Hostile repositories, through the built CLI and the built language server over stdio: each input
 * must be answered within a generous bound, with the process's peak memory under a cap, the server
 * must still answer a hover on another document, and the finding or message that explains the
 * limit must be there.
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { pathToFileUri } from '../../server/src/engine/uri';
import { tempWorkspace } from '../unit/helpers';
import { LspClient } from './client';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');
/** How long one hostile input may take to be answered (generous: the machine may be shared). */
const BOUND_MS = 15_000;
const LINUX = process.platform === 'linux';

/** The peak resident memory of a process so far, in MB (Linux only). */
function peakRssMb(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Rejects when `p` does not settle within `ms`. */
function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

/** Runs the CLI, killing it past the bound, and samples its peak memory while it runs. */
async function runCli(args: string[], cwd: string): Promise<{ code: number | null; out: string; err: string; peakMb: number }> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let peakMb = 0;
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const sample = setInterval(() => (peakMb = Math.max(peakMb, peakRssMb(child.pid!) ?? 0)), 20);
  const killer = setTimeout(() => child.kill('SIGKILL'), BOUND_MS);
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  clearInterval(sample);
  clearTimeout(killer);
  assert.notEqual(code, null, `the CLI did not finish within ${BOUND_MS} ms (killed); stderr: ${err}`);
  return { code, out, err, peakMb };
}

const DOCKERFILE = 'FROM alpine:3.20\nUSER 1000\n';

/** Hovers `USER` in the probe Dockerfile: the server must still answer requests. */
async function assertAnswers(client: LspClient, dockerfile: string): Promise<void> {
  const h = await within(BOUND_MS, 'hover on another document', client.hover(dockerfile, { line: 1, character: 1 }));
  const value = h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
  assert.match(value, /^\*\*USER\*\* — /);
}

function assertMemory(pid: number, capMb: number): void {
  if (!LINUX) return;
  const peak = peakRssMb(pid);
  assert.ok(peak !== undefined && peak < capMb, `peak RSS ${peak?.toFixed(0)} MB, cap ${capMb} MB`);
}

const codes = (ds: Diagnostic[]) => ds.map((d) => d.code);

/** A chart whose only template nests `with` `depth` levels deep. */
function deepWithChart(depth: number): Record<string, string> {
  return {
    'chart/Chart.yaml': 'apiVersion: v2\nname: deep\nversion: 0.1.0\n',
    'chart/values.yaml': 'a: {}\n',
    'chart/templates/deep.yaml': '{{ with .Values.a }}\n'.repeat(depth) + 'x: 1\n' + '{{ end }}\n'.repeat(depth),
  };
}

/** A chart whose schema has a pattern that backtracks exponentially, and a value that triggers it. */
const REDOS_CHART = {
  'chart/Chart.yaml': 'apiVersion: v2\nname: redos\nversion: 0.1.0\n',
  'chart/values.schema.json': JSON.stringify({ properties: { name: { type: 'string', pattern: '^(a+)+$' } } }),
  'chart/values.yaml': `name: ${'a'.repeat(34)}!\n`,
};

function mkfifo(p: string): boolean {
  return spawnSync('mkfifo', [p]).status === 0;
}

describe('hostile input: the CLI', function () {
  this.timeout(BOUND_MS * 3);

  it('ignores a .shipshape.yaml linked to /dev/zero, says so, and checks the rest', async function () {
    if (!LINUX) this.skip();
    const dir = tempWorkspace({ Dockerfile: 'FROM alpine:3.20\nMAINTAINER Jane\n' });
    fs.symlinkSync('/dev/zero', path.join(dir, '.shipshape.yaml'));
    const res = await runCli(['check'], dir);
    assert.equal(res.code, 1, res.err);
    assert.match(res.err, /^shipshape: ignored \.shipshape\.yaml: it is not a regular file$/m);
    assert.match(res.out, /\[dockerfile\/maintainer-deprecated\]/);
    assert.ok(res.peakMb < 400, `peak RSS ${res.peakMb.toFixed(0)} MB`);
  });

  it('ignores a .shipshape.yaml that is a FIFO instead of waiting for a writer', async function () {
    if (!LINUX) this.skip();
    const dir = tempWorkspace({ Dockerfile: 'FROM alpine:3.20\nMAINTAINER Jane\n' });
    if (!mkfifo(path.join(dir, '.shipshape.yaml'))) this.skip();
    const res = await runCli(['check'], dir);
    assert.equal(res.code, 1, res.err);
    assert.match(res.err, /^shipshape: ignored \.shipshape\.yaml: it is not a regular file$/m);
  });

  it('refuses a path argument that is a device, with a message and exit code 2', async function () {
    if (!LINUX) this.skip();
    const dir = tempWorkspace({});
    fs.symlinkSync('/dev/zero', path.join(dir, 'x.yaml'));
    const res = await runCli(['check', 'x.yaml'], dir);
    assert.equal(res.code, 2);
    assert.match(res.err, /^shipshape: cannot read x\.yaml: not a regular file$/m);
  });

  it('reports blocks nested 2,000 deep in a Helm template instead of analysing them', async () => {
    const dir = tempWorkspace(deepWithChart(2000));
    const res = await runCli(['check', '--format', 'json'], dir);
    const findings = JSON.parse(res.out) as { ruleId: string; message: string; file: string }[];
    const deep = findings.filter((f) => f.ruleId === 'helm/template-syntax');
    assert.deepEqual(
      deep.map((f) => [f.file, f.message]),
      [[path.join('chart', 'templates', 'deep.yaml'), 'Blocks nested deeper than 100 levels: Shipshape does not analyse what is inside.']],
    );
    assert.ok(res.peakMb < 800, `peak RSS ${res.peakMb.toFixed(0)} MB`);
  });

  it('checks a schema pattern that backtracks exponentially in linear time', async () => {
    const dir = tempWorkspace(REDOS_CHART);
    const res = await runCli(['check', '--format', 'json'], dir);
    const findings = JSON.parse(res.out) as { ruleId: string; message: string }[];
    assert.deepEqual(
      findings.filter((f) => f.ruleId === 'helm/values-schema').map((f) => f.message),
      ['name must match pattern "^(a+)+$".'],
    );
  });

  it('caps the findings of one file at 1,000 and says how many more there are', async () => {
    const dir = tempWorkspace({ Dockerfile: 'FROM alpine:3.20\n' + 'MAINTAINER Jane\n'.repeat(1500) });
    const res = await runCli(['check', '--format', 'json'], dir);
    const findings = JSON.parse(res.out) as { ruleId: string; message: string }[];
    // At most 1,000 kept (hints are not printed at the default threshold), then the one that says how many more.
    assert.ok(findings.length <= 1001, String(findings.length));
    const last = findings[findings.length - 1]!;
    assert.equal(last.ruleId, 'shipshape/too-many-findings');
    const more = /^(\d+) more findings in this file from here on are not shown: Shipshape reports at most 1000 per file\.$/.exec(
      last.message,
    );
    assert.ok(more, last.message);
    const shown = findings.filter((f) => f.ruleId === 'dockerfile/maintainer-deprecated').length;
    assert.equal(shown + Number(more[1]), 1500);
  });
});

describe('hostile input: the language server', function () {
  this.timeout(BOUND_MS * 4);
  let client: LspClient;
  let dir: string;
  let dockerfile: string;

  async function start(files: Record<string, string>, initializationOptions?: Record<string, unknown>): Promise<void> {
    dir = tempWorkspace({ ...files, 'probe/Dockerfile': DOCKERFILE });
    dockerfile = path.join(dir, 'probe/Dockerfile');
    client = new LspClient();
    await client.initialize(dir, initializationOptions);
    await within(BOUND_MS, 'first publish of the probe', client.open(dockerfile, DOCKERFILE, 'dockerfile'));
  }

  const logged = (re: RegExp) =>
    within(
      BOUND_MS,
      `a log line matching ${re}`,
      client.waitForNotification('window/logMessage', (p) => re.test((p as { message: string }).message)),
    );

  afterEach(async () => {
    if (!client) return;
    assertMemory(client.proc.pid!, 1500);
    await client.shutdown();
  });

  it('ignores a .shipshape.yaml linked to /dev/zero and says so in the log', async function () {
    if (!LINUX) this.skip();
    const files = { 'app/Dockerfile': 'FROM alpine:3.20\nMAINTAINER Jane\n' };
    await start(files);
    fs.symlinkSync('/dev/zero', path.join(dir, 'app/.shipshape.yaml'));
    const ds = await within(
      BOUND_MS,
      'publish with a config linked to /dev/zero',
      client.open(path.join(dir, 'app/Dockerfile'), files['app/Dockerfile'], 'dockerfile'),
    );
    assert.ok(codes(ds).includes('dockerfile/maintainer-deprecated'), JSON.stringify(ds));
    await logged(/^Shipshape ignored .*app[/\\]\.shipshape\.yaml: it is not a regular file\.$/);
    await assertAnswers(client, dockerfile);
  });

  it('does not read a watched file that is a link to /dev/zero or a FIFO', async function () {
    if (!LINUX) this.skip();
    await start({});
    fs.symlinkSync('/dev/zero', path.join(dir, 'x.yaml'));
    const fifo = path.join(dir, 'y.yaml');
    if (!mkfifo(fifo)) this.skip();
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: pathToFileUri(path.join(dir, 'x.yaml')), type: 1 },
        { uri: pathToFileUri(fifo), type: 1 },
      ],
    });
    await logged(/^Shipshape did not index .*x\.yaml: it is not a regular file\.$/);
    await logged(/^Shipshape did not index .*y\.yaml: it is not a regular file\.$/);
    await assertAnswers(client, dockerfile);
  });

  it('reports blocks nested 2,000 deep in a Helm template', async () => {
    const files = deepWithChart(2000);
    await start(files);
    const file = path.join(dir, 'chart/templates/deep.yaml');
    const ds = await within(BOUND_MS, 'publish of the deep template', client.open(file, files['chart/templates/deep.yaml']!, 'helm'));
    const deep = ds.filter((d) => d.code === 'helm/template-syntax');
    assert.deepEqual(
      deep.map((d) => [d.message, d.range.start]),
      [['Blocks nested deeper than 100 levels: Shipshape does not analyse what is inside.', { line: 100, character: 0 }]],
    );
    await assertAnswers(client, dockerfile);
  });

  it('checks values against a pattern that backtracks exponentially without stalling', async () => {
    await start(REDOS_CHART);
    const file = path.join(dir, 'chart/values.yaml');
    const ds = await within(BOUND_MS, 'publish of values.yaml', client.open(file, REDOS_CHART['chart/values.yaml'], 'yaml'));
    assert.deepEqual(
      ds.filter((d) => d.code === 'helm/values-schema').map((d) => d.message),
      ['name must match pattern "^(a+)+$".'],
    );
    await assertAnswers(client, dockerfile);
  });

  it('does not parse a file over maxFileSize and says so', async () => {
    await start({});
    const file = path.join(dir, 'big/Dockerfile');
    const text =
      'FROM alpine:3.20\nRUN <<EOF\n' +
      'echo aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n'.repeat(90_000) +
      'EOF\n';
    const ds = await within(BOUND_MS, 'publish of a 6.5 MB Dockerfile', client.open(file, text, 'dockerfile'));
    assert.deepEqual(codes(ds), ['shipshape/file-too-large']);
    assert.match(
      String(ds[0]!.message),
      /^This file has \d+ characters, more than maxFileSize \(5242880\); Shipshape did not parse it and ran no rules on it\.$/,
    );
    await assertAnswers(client, dockerfile);
  });

  it('stops a check over its budget, reports it once, and keeps answering', async () => {
    await start({}, { checkTimeout: 1000 });
    const file = path.join(dir, 'k8s/huge.yaml');
    let text = '';
    for (let i = 0; text.length < 4_900_000; i++) {
      text += `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n  labels: {a: b}\ndata:\n  k: v${i}\n`;
    }
    const published = client.open(file, text, 'yaml');
    await assertAnswers(client, dockerfile);
    const ds = await within(BOUND_MS, 'the check-timeout publish', published);
    assert.deepEqual(codes(ds), ['shipshape/check-timeout']);
    assert.match(String(ds[0]!.message), /^Shipshape stopped checking this file: the check took longer than 1000 ms\./);
    // The replaced worker checks the other documents again.
    const other = path.join(dir, 'probe/Other.Dockerfile');
    const after = await within(
      BOUND_MS,
      'a check after the restart',
      client.open(other, 'FROM alpine:3.20\nMAINTAINER Jane\n', 'dockerfile'),
    );
    assert.ok(codes(after).includes('dockerfile/maintainer-deprecated'), JSON.stringify(after));
  });

  it("never runs the workspace's own bin/shellcheck through a relative PATH entry, even when trusted", async function () {
    if (!LINUX) this.skip();
    dir = tempWorkspace({ Dockerfile: 'FROM debian:12.8\nRUN echo $1\n' });
    const marker = path.join(dir, 'ran');
    fs.mkdirSync(path.join(dir, 'bin'));
    fs.writeFileSync(path.join(dir, 'bin/shellcheck'), `#!/bin/sh\ntouch '${marker}'\necho '[]'\n`, { mode: 0o755 });
    client = new LspClient(
      { ...process.env, PATH: `bin${path.delimiter}${path.join(dir, 'bin')}${path.delimiter}${process.env.PATH ?? ''}` },
      dir,
    );
    client.settings = { rules: { 'dockerfile/shellcheck': { enabled: true } } };
    await client.initialize(dir, { workspaceTrusted: true });
    await within(
      BOUND_MS,
      'publish of the Dockerfile',
      client.open(path.join(dir, 'Dockerfile'), 'FROM debian:12.8\nRUN echo $1\n', 'dockerfile'),
    );
    assert.equal(fs.existsSync(marker), false, 'the workspace program ran');
  });

  it('answers completion and hover in a line of 20,000 nested sequence markers', async () => {
    await start({});
    const file = path.join(dir, 'k8s/nested.yaml');
    const text = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n' + '- '.repeat(20_000) + 'a: 1\n';
    await within(BOUND_MS, 'publish of the nested file', client.open(file, text, 'yaml'));
    const end = { line: 4, character: 40_001 };
    assert.equal(await within(BOUND_MS, 'completion', client.completion(file, end)), null);
    assert.equal(await within(BOUND_MS, 'hover', client.hover(file, { line: 4, character: 40_000 })), null);
    await assertAnswers(client, dockerfile);
  });
});
