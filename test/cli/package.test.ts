/**
 * The npm package as a CI job gets it: `npm pack`, installed into an empty folder, then
 * `npx shipshape check` on a copy of the example workspace. The bundle must need nothing but Node.
 */
import { strict as assert } from 'node:assert';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXAMPLE_FINDINGS } from './example-findings';

const ROOT = path.resolve(__dirname, '../../..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function run(cmd: string, args: string[], opts: SpawnSyncOptions) {
  const res = spawnSync(cmd, args, { encoding: 'utf8', ...opts, env: { ...process.env, npm_config_update_notifier: 'false' } });
  return { code: res.status, out: String(res.stdout), err: String(res.stderr) };
}

describe('the npm package', function () {
  this.timeout(180_000);
  let dir: string;
  let files: { path: string; size: number }[];
  let size = { packed: 0, unpacked: 0 };

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-pack-'));
    // --ignore-scripts: the prepack bundle already ran (npm run build); the test packs that build.
    const pack = run(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT });
    assert.equal(pack.code, 0, pack.err);
    const [info] = JSON.parse(pack.out) as {
      filename: string;
      size: number;
      unpackedSize: number;
      files: { path: string; size: number }[];
    }[];
    files = info!.files;
    size = { packed: info!.size, unpacked: info!.unpackedSize };
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'ci-job', private: true }));
    const install = run(NPM, ['install', `./${info!.filename}`, '--no-audit', '--no-fund', '--prefer-offline'], { cwd: dir });
    assert.equal(install.code, 0, install.err);
    fs.cpSync(path.join(ROOT, 'examples/demo'), path.join(dir, 'demo'), { recursive: true });
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('holds the bundled CLI and its WebAssembly, and no sources or maps', () => {
    const names = files.map((f) => f.path).sort();
    assert.deepEqual(names, [
      'LICENSE',
      'README.md',
      'dist/cli.js',
      'dist/tree-sitter-bash.wasm',
      'dist/web-tree-sitter.wasm',
      'package.json',
    ]);
  });

  it('is the size the README states, to a quarter', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const m = /about ([\d.]+) MB to download and ([\d.]+) MB installed/.exec(readme);
    assert.ok(m, 'the README states the package size');
    const near = (stated: number, bytes: number) => Math.abs(stated * 1024 * 1024 - bytes) <= bytes / 4;
    assert.ok(near(Number(m[1]), size.packed), `packed: ${size.packed} bytes, README: ${m[1]} MB`);
    assert.ok(near(Number(m[2]), size.unpacked), `unpacked: ${size.unpacked} bytes, README: ${m[2]} MB`);
  });

  it('installs with no dependencies of its own', () => {
    const installed = fs.readdirSync(path.join(dir, 'node_modules')).filter((n) => !n.startsWith('.'));
    assert.deepEqual(installed, ['shipshape']);
  });

  it('runs `npx shipshape check` on the example workspace with the same findings', () => {
    const res = run(NPX, ['--no-install', 'shipshape', 'check', 'demo', '--format', 'json'], { cwd: dir });
    assert.equal(res.code, 1, res.err);
    const rows = (
      JSON.parse(res.out) as {
        file: string;
        ruleId: string;
        range: { start: { line: number; character: number }; end: { line: number; character: number } };
      }[]
    ).map(
      (f) =>
        `${path.relative('demo', f.file).split(path.sep).join('/')} ${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.line + 1}:${f.range.end.character + 1} ${f.ruleId}`,
    );
    assert.deepEqual(rows, EXAMPLE_FINDINGS);
  });
});
