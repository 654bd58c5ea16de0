/** The GitHub Action (action.yml) and the pre-commit hook (.pre-commit-hooks.yaml) call the CLI as it is. */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { filesUnder } from '../unit/helpers';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  bin: Record<string, string>;
};

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default: string }>;
  runs: { using: string; steps: Step[] };
};

/** `${{ inputs.x }}` replaced by the input's default. */
function withDefaults(value: string): string {
  return value.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name: string) => {
    assert.ok(action.inputs[name], `action.yml has an input "${name}"`);
    return action.inputs[name].default;
  });
}

describe('action.yml', () => {
  const check = action.runs.steps.find((s) => s.id === 'check')!;

  it('is a composite action that sets up Node, runs the check and uploads its SARIF', () => {
    assert.equal(action.runs.using, 'composite');
    assert.match(action.runs.steps[0]!.uses ?? '', /^actions\/setup-node@v\d+$/);
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    assert.equal(upload?.with?.['sarif_file'], '${{ steps.check.outputs.sarif-file }}');
    assert.match(check.run!, /echo "sarif-file=\$sarif" >>"\$GITHUB_OUTPUT"/);
  });

  it('runs this package at this version', () => {
    assert.match(check.run!, /npx --yes "shipshape@\$SHIPSHAPE_VERSION" check /);
    assert.ok(pkg.bin['shipshape'], 'package.json has the shipshape command');
    assert.equal(pkg.name, 'shipshape');
    assert.equal(withDefaults(check.env!['SHIPSHAPE_VERSION']!), pkg.version);
  });

  it('passes the CLI options it accepts: its command line with the defaults writes SARIF', () => {
    const line = check.run!.split('\n').find((l) => l.includes(' check '))!;
    const env: Record<string, string> = Object.fromEntries(Object.entries(check.env!).map(([k, v]) => [k, withDefaults(v)]));
    env['SHIPSHAPE_PATHS'] = 'examples/demo';
    const args = line
      .slice(line.indexOf(' check ') + 1, line.indexOf('>'))
      .trim()
      .split(/\s+/)
      .map((w) => w.replace(/^"?\$(\w+)"?$/, (_, v: string) => env[v] ?? `<unset ${v}>`));
    assert.deepEqual(args, ['check', 'examples/demo', '--format', 'sarif', '--severity-threshold', 'info']);
    const res = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(res.status, 1, res.stderr);
    const sarif = JSON.parse(res.stdout) as { version: string; runs: { results: unknown[] }[] };
    assert.equal(sarif.version, '2.1.0');
    assert.ok(sarif.runs[0]!.results.length > 0);
  });

  it('documents every severity the threshold input allows, and the CLI accepts each', () => {
    for (const level of ['error', 'warning', 'info']) {
      const res = spawnSync(process.execPath, [CLI, 'check', 'examples/demo/chart', '--format', 'sarif', '--severity-threshold', level], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      assert.equal(res.status, 1, `${level}: ${res.stderr}`);
    }
  });
});

describe('.pre-commit-hooks.yaml', () => {
  const [hook] = parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as {
    id: string;
    entry: string;
    language: string;
    files: string;
  }[];
  const files = new RegExp(hook!.files);

  it('runs the package command `shipshape check`', () => {
    assert.equal(hook!.id, 'shipshape');
    assert.equal(hook!.language, 'node');
    const [command, sub] = hook!.entry.split(' ');
    assert.ok(pkg.bin[command!], `package.json has a "${command}" command`);
    assert.equal(sub, 'check');
  });

  it('picks the files Shipshape reads and leaves others out', () => {
    for (const p of [
      'Dockerfile',
      'app/Dockerfile.prod',
      'build/api.Dockerfile',
      'Containerfile',
      'k8s/deploy.yaml',
      'chart/values.yml',
      'chart/values.schema.json',
    ]) {
      assert.ok(files.test(p), p);
    }
    for (const p of ['README.md', 'src/index.ts', 'package.json', 'Dockerfile.md/notes.txt']) assert.ok(!files.test(p), p);
  });

  it('reports the example files it picks, as pre-commit passes them', () => {
    const picked = filesUnder(path.join(ROOT, 'examples/demo'), (_, file) => files.test(path.relative(ROOT, file)));
    assert.ok(picked.length >= 6, picked.join(', '));
    const res = spawnSync(process.execPath, [CLI, hook!.entry.split(' ')[1]!, ...picked.map((f) => path.relative(ROOT, f))], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.equal(res.status, 1, res.stderr);
    assert.match(res.stdout, /^examples\/demo\/Dockerfile:2:1: warning MAINTAINER is deprecated/m);
  });
});
