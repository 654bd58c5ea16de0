/** The GitHub Action (action.yml) and the pre-commit hook (.pre-commit-hooks.yaml) call the CLI as it is. */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
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

/** `${{ inputs.x }}` replaced by the input given, or else by the input's default. */
function withDefaults(value: string, given: Record<string, string> = {}): string {
  return value.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name: string) => {
    assert.ok(action.inputs[name], `action.yml has an input "${name}"`);
    return given[name] ?? action.inputs[name].default;
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

  /**
   * Runs the check step's own script in bash, with its inputs (defaults unless given), and `npx`
   * standing in for the registry: it runs this checkout's CLI with the arguments the script passes.
   */
  function runStep(inputs: Record<string, string>): { code: number; outputs: Record<string, string>; sarif: Sarif; argv: string[] } {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-action-'));
    const bin = path.join(tmp, 'bin');
    fs.mkdirSync(bin);
    const argvFile = path.join(tmp, 'argv');
    // `npx --yes shipshape@VERSION check …`: the stand-in records what follows the package and runs it.
    fs.writeFileSync(
      path.join(bin, 'npx'),
      `#!/bin/sh\n[ "$1" = --yes ] && shift\nshift\nprintf '%s\\n' "$@" >"${argvFile}"\nexec "${process.execPath}" "${CLI}" "$@"\n`,
      { mode: 0o755 },
    );
    const env = Object.fromEntries(Object.entries(check.env!).map(([k, v]) => [k, withDefaults(v, inputs)]));
    const outputFile = path.join(tmp, 'output');
    fs.writeFileSync(outputFile, '');
    const res = spawnSync('bash', ['-eo', 'pipefail', '-c', check.run!], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ...env, PATH: `${bin}:${process.env['PATH']}`, RUNNER_TEMP: tmp, GITHUB_OUTPUT: outputFile },
    });
    assert.equal(res.status, 0, res.stderr);
    const outputs = Object.fromEntries(
      fs
        .readFileSync(outputFile, 'utf8')
        .trim()
        .split('\n')
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    const sarif = JSON.parse(fs.readFileSync(outputs['sarif-file']!, 'utf8')) as Sarif;
    return { code: Number(outputs['exit-code']), outputs, sarif, argv: fs.readFileSync(argvFile, 'utf8').trim().split('\n') };
  }

  interface Sarif {
    version: string;
    runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
  }

  const results = (s: Sarif) =>
    s.runs[0]!.results.map((r) => `${r.locations[0]!.physicalLocation.artifactLocation.uri} ${r.ruleId}`).sort();

  it('passes the CLI options it accepts: its script with the defaults writes SARIF under the "shipshape" category', () => {
    const run = runStep({ paths: 'examples/demo' });
    assert.deepEqual(run.argv, ['check', 'examples/demo', '--format', 'sarif', '--severity-threshold', 'info']);
    assert.equal(run.code, 1);
    assert.equal(run.sarif.version, '2.1.0');
    assert.ok(run.sarif.runs[0]!.results.length > 0);
    assert.equal(run.outputs['category'], 'shipshape');
  });

  it('passes jobs and shard on, and gives each shard its own category; the shards together are the whole run', () => {
    const whole = runStep({ paths: 'examples/demo', jobs: '2' });
    assert.deepEqual(whole.argv, ['check', 'examples/demo', '--format', 'sarif', '--severity-threshold', 'info', '--jobs', '2']);
    const shards = ['1/2', '2/2'].map((shard) => runStep({ paths: 'examples/demo', shard }));
    assert.deepEqual(shards[0]!.argv.slice(-2), ['--shard', '1/2']);
    assert.deepEqual(
      shards.map((r) => r.outputs['category']),
      ['shipshape-shard-1-of-2', 'shipshape-shard-2-of-2'],
    );
    assert.ok(
      shards.every((r) => results(r.sarif).length > 0),
      'both shards have findings in the demo',
    );
    assert.deepEqual([...results(shards[0]!.sarif), ...results(shards[1]!.sarif)].sort(), results(whole.sarif));
    const upload = action.runs.steps.find((st) => st.uses?.startsWith('github/codeql-action/upload-sarif@'));
    assert.equal(upload?.with?.['category'], '${{ steps.check.outputs.category }}');
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
