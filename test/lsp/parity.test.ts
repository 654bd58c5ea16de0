/**
 * The built CLI and the built language server over stdio, on the same files, report the same
 * findings (rule id, range, severity, message): every file of the fixtures, and a sample of the
 * shared corpus when it is there.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver';
import { walkFiles } from '../../server/src/engine/walk';
import { INDEX_STATUS_NOTIFICATION, type IndexStatus } from '../../server/src/protocol';
import { LspClient } from './client';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const FIXTURES = path.join(ROOT, 'test/fixtures');
const CORPUS = path.join(ROOT, '../shared/corpus');
const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];

/**
 * The environment of both front ends: PATH without helm, because the server renders charts in
 * the background after it publishes (a second publish this test does not wait for).
 */
function environment(): NodeJS.ProcessEnv {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter((d) => d && !fs.existsSync(path.join(d, 'helm')));
  return { ...process.env, PATH: dirs.join(path.delimiter) };
}

/** Copies the files `keep` accepts (symbolic links and all) from `src` into `dst`. */
function copyTree(src: string, dst: string, keep: (rel: string) => boolean = () => true): void {
  const stack = [''];
  while (stack.length) {
    const rel = stack.pop()!;
    for (const ent of fs.readdirSync(path.join(src, rel), { withFileTypes: true })) {
      const r = path.join(rel, ent.name);
      if (ent.isDirectory()) stack.push(r);
      else if (ent.isFile() && keep(r)) {
        fs.mkdirSync(path.join(dst, rel), { recursive: true });
        fs.copyFileSync(path.join(src, r), path.join(dst, r));
      }
    }
  }
}

/** What VS Code would send as the language of a file. */
function languageOf(file: string): string {
  const base = path.basename(file);
  if (/^(?:(?:Docker|Container)file(?:\..+)?|.+\.(?:Docker|Container)file)$/i.test(base)) return 'dockerfile';
  if (/\.ya?ml$/i.test(base)) return 'yaml';
  if (/\.json$/i.test(base)) return 'json';
  return 'plaintext';
}

/** One finding, as a line both front ends must print alike. */
function line(ruleId: string, severity: string, r: Diagnostic['range'], message: string): string {
  return `${ruleId} ${severity} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${message}`;
}

function cliFindings(root: string): Map<string, string[]> {
  const res = spawnSync(process.execPath, [CLI, 'check', '.', '--format', 'json', '--severity-threshold', 'hint'], {
    cwd: root,
    encoding: 'utf8',
    env: environment(),
    maxBuffer: 256 * 1024 * 1024,
  });
  assert.ok(res.status === 0 || res.status === 1, `CLI exited ${res.status}: ${res.stderr}`);
  const out = new Map<string, string[]>();
  for (const f of JSON.parse(res.stdout) as {
    file: string;
    ruleId: string;
    severity: string;
    message: string;
    range: Diagnostic['range'];
  }[]) {
    const file = path.resolve(root, f.file);
    out.set(file, [...(out.get(file) ?? []), line(f.ruleId, f.severity, f.range, f.message)]);
  }
  return out;
}

async function serverFindings(root: string, files: readonly string[]): Promise<Map<string, string[]>> {
  const client = new LspClient(environment());
  const out = new Map<string, string[]>();
  try {
    await client.initialize(root, { workspaceTrusted: true });
    // Cross-file rules see the whole index, as the CLI's do.
    await client.waitForNotification(INDEX_STATUS_NOTIFICATION, (p) => (p as IndexStatus).state === 'ready');
    for (const file of files) {
      const raw = fs.readFileSync(file, 'utf8');
      // Editors hold the text without its byte order mark, as the CLI checks it.
      const text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
      const ds = await client.open(file, text, languageOf(file));
      if (ds.length)
        out.set(
          file,
          ds.map((d) =>
            line(String(d.code), SEVERITY[d.severity ?? 0]!, d.range, typeof d.message === 'string' ? d.message : d.message.value),
          ),
        );
    }
  } finally {
    await client.shutdown();
  }
  return out;
}

/** Every difference, one line per file (empty when the front ends agree). */
async function differences(root: string): Promise<string[]> {
  const files = [...walkFiles(root)];
  const cli = cliFindings(root);
  const server = await serverFindings(root, files);
  const diffs: string[] = [];
  for (const file of files) {
    const a = [...(cli.get(file) ?? [])].sort();
    const b = [...(server.get(file) ?? [])].sort();
    const onlyCli = a.filter((x) => !b.includes(x));
    const onlyServer = b.filter((x) => !a.includes(x));
    if (onlyCli.length || onlyServer.length || a.length !== b.length) {
      diffs.push(`${path.relative(root, file)}: CLI only [${onlyCli.join(' | ')}], server only [${onlyServer.join(' | ')}]`);
    }
  }
  return diffs;
}

describe('CLI and language server parity', function () {
  this.timeout(600_000);

  it('report the same findings on every file of the fixtures', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-parity-'));
    copyTree(FIXTURES, root);
    const dockerfiles = [...walkFiles(root)].filter((f) => languageOf(f) === 'dockerfile');
    assert.ok(dockerfiles.length > 50, `expected the fixtures' Dockerfiles under ${root}`);
    assert.deepEqual(await differences(root), []);
  });

  it('report the same findings on a sample of the corpus', async function () {
    if (!fs.existsSync(CORPUS)) {
      console.log('      skipped: no ../shared/corpus');
      this.skip();
    }
    // Every Dockerfile and manifest; of the Helm charts, all but the big bitnami collection, of which three charts.
    const collection = path.join(CORPUS, 'helm/bitnami__charts');
    const bitnami = new Set(fs.existsSync(collection) ? fs.readdirSync(collection).sort().slice(0, 3) : []);
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-parity-corpus-'));
    copyTree(CORPUS, root, (rel) => {
      const parts = rel.split(path.sep);
      return parts[1] !== 'bitnami__charts' || bitnami.has(parts[2]!);
    });
    assert.deepEqual(await differences(root), []);
  });
});

describe('environment parity over stdio and in the CLI', function () {
  this.timeout(300_000);

  /** A finding and its related locations, with paths relative to the workspace. */
  const shown = (root: string, file: string, ruleId: string, r: Diagnostic['range'], message: string, related: string[]) =>
    `${path.relative(root, file)} ${line(ruleId, '', r, message)} ${related.join(' ')}`;
  const where = (r: Diagnostic['range']) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

  it('the server reports the fixture workspace’s disagreements with both locations, as the CLI does', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-env-parity-'));
    copyTree(path.join(FIXTURES, 'env-parity'), root);
    const files = ['compose.yaml', 'k8s/api.yaml', 'k8s/worker.yaml', 'k8s/redis.yaml'].map((f) => path.join(root, f));
    const client = new LspClient(environment());
    const server: string[] = [];
    try {
      await client.initialize(root, { workspaceTrusted: true });
      await client.waitForNotification(INDEX_STATUS_NOTIFICATION, (p) => (p as IndexStatus).state === 'ready');
      for (const file of files) {
        const ds = await client.open(file, fs.readFileSync(file, 'utf8'), file.endsWith('compose.yaml') ? 'dockercompose' : 'yaml');
        for (const d of ds.filter((x) => x.code === 'compose/cluster-parity'))
          server.push(
            shown(
              root,
              file,
              String(d.code),
              d.range,
              String(d.message),
              (d.relatedInformation ?? []).map(
                (i) => `→ ${path.relative(root, fileURLToPath(i.location.uri))} ${where(i.location.range)} ${i.message}`,
              ),
            ),
          );
      }
    } finally {
      await client.shutdown();
    }
    const res = spawnSync(process.execPath, [CLI, 'check', '.', '--format', 'json', '--severity-threshold', 'hint'], {
      cwd: root,
      encoding: 'utf8',
      env: environment(),
    });
    const cli = (
      JSON.parse(res.stdout) as {
        file: string;
        ruleId: string;
        message: string;
        range: Diagnostic['range'];
        related?: { file: string; range: Diagnostic['range']; message: string }[];
      }[]
    )
      .filter((f) => f.ruleId === 'compose/cluster-parity')
      .map((f) =>
        shown(
          root,
          path.join(root, f.file),
          f.ruleId,
          f.range,
          f.message,
          (f.related ?? []).map((i) => `→ ${i.file} ${where(i.range)} ${i.message}`),
        ),
      );
    assert.deepEqual([...server].sort(), [...cli].sort());
    const onCompose = server.filter((s) => s.startsWith('compose.yaml '));
    assert.deepEqual(onCompose, [
      'compose.yaml compose/cluster-parity  1:2-1:5 Deployment/shop-api (container "api") sets SENTRY_DSN, Compose service "api" does not. → k8s/api.yaml 21:20-21:30 Deployment/shop-api (container "api") sets SENTRY_DSN',
      'compose.yaml compose/cluster-parity  3:11-3:35 Deployment/shop-api (container "api") pins its image tag, but Compose service "api" floats (no tag): local runs may not match production. → k8s/api.yaml 17:17-17:47 Deployment/shop-api (container "api") pins its tag',
      'compose.yaml compose/cluster-parity  6:6-6:19 Compose service "api" sets DEBUG_TOOLBAR, Deployment/shop-api (container "api") does not. → k8s/api.yaml 16:16-16:19 Deployment/shop-api (container "api") does not set DEBUG_TOOLBAR',
      'compose.yaml compose/cluster-parity  8:8-8:29 Compose service "api" exposes container port 8080, Deployment/shop-api (container "api") declares 8000. → k8s/api.yaml 27:29-27:33 Deployment/shop-api (container "api") declares 8000',
      'compose.yaml compose/cluster-parity  9:4-9:15 Compose service "api" has a healthcheck, Deployment/shop-api (container "api") has no readinessProbe: production sends traffic before the app is ready. → k8s/api.yaml 16:16-16:19 Deployment/shop-api (container "api") has no readinessProbe',
      'compose.yaml compose/cluster-parity  12:4-12:11 Compose service "api" overrides the image\'s command or entrypoint, Deployment/shop-api (container "api") does not. → k8s/api.yaml 16:16-16:19 Deployment/shop-api (container "api") runs the image\'s own command',
      'compose.yaml compose/cluster-parity  14:2-14:8 Deployment/orders-worker (container "worker") overrides the image\'s command or arguments, Compose service "worker" does not. → k8s/worker.yaml 16:10-16:14 Deployment/orders-worker (container "worker") overrides the command',
      'compose.yaml compose/cluster-parity  19:2-19:7 StatefulSet/redis has a readinessProbe, Compose service "cache" has no healthcheck: local dependents start before it is ready. → k8s/redis.yaml 19:10-19:24 StatefulSet/redis has a readinessProbe',
    ]);
    assert.equal(server.length, 16);
  });
});
