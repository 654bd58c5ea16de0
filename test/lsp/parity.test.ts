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
