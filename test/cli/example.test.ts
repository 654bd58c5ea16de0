/** The example workspace the README's first command checks (examples/demo), through the built CLI. */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');

interface JsonFinding {
  file: string;
  ruleId: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  fixable: boolean;
}

/** A finding as `file line:col-line:col rule` (1-based, as an editor shows it), under examples/demo. */
function row(f: JsonFinding): string {
  const { start, end } = f.range;
  const file = path.relative('examples/demo', f.file).split(path.sep).join('/');
  return `${file} ${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${f.ruleId}`;
}

/** Every finding of the example: at least one problem in each kind of file, each on its exact text. */
export const EXAMPLE_FINDINGS = [
  'Dockerfile 1:1-1:17 dockerfile/dockerignore-missing',
  'Dockerfile 1:1-1:5 dockerfile/last-user-root',
  'Dockerfile 1:6-1:17 dockerfile/image-latest-tag',
  'Dockerfile 2:1-2:11 dockerfile/maintainer-deprecated',
  'Dockerfile 4:1-4:4 dockerfile/add-instead-of-copy',
  'Dockerfile 5:23-5:30 dockerfile/apt-get-yes',
  'Dockerfile 5:23-5:30 dockerfile/apt-lists-not-removed',
  'Dockerfile 5:23-5:30 dockerfile/apt-no-install-recommends',
  'Dockerfile 5:39-5:43 dockerfile/apt-pin-versions',
  'Dockerfile 9:5-9:14 dockerfile/json-form-cmd',
  'chart/Chart.yaml 3:10-3:13 helm/chart-version-semver',
  'chart/templates/deployment.yaml 18:33-18:51 helm/undefined-value',
  'chart/values.yaml 3:8-3:14 helm/values-image-tag',
  'chart/values.yaml 5:12-5:14 helm/values-resources-empty',
  'k8s/deployment.yaml 8:13-8:14 k8s/pdb-missing',
  'k8s/deployment.yaml 18:17-18:20 k8s/capabilities-drop-all',
  'k8s/deployment.yaml 18:17-18:20 k8s/privilege-escalation',
  'k8s/deployment.yaml 18:17-18:20 k8s/probes-missing',
  'k8s/deployment.yaml 18:17-18:20 k8s/read-only-root-filesystem',
  'k8s/deployment.yaml 18:17-18:20 k8s/run-as-non-root',
  'k8s/deployment.yaml 18:17-18:20 k8s/seccomp-profile',
  'k8s/deployment.yaml 19:18-19:29 k8s/image-latest-tag',
  'k8s/deployment.yaml 24:22-24:29 k8s/plaintext-secret-env',
  'k8s/deployment.yaml 25:11-25:20 k8s/resources-missing',
  'k8s/deployment.yaml 29:25-29:29 k8s/privileged-container',
  'k8s/ingress.yaml 1:13-1:38 k8s/deprecated-api-version',
  'k8s/service.yaml 6:3-6:11 k8s/service-selects-nothing',
];

function checkExample(): JsonFinding[] {
  const res = spawnSync(process.execPath, [CLI, 'check', 'examples/demo', '--format', 'json'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(res.status, 1, res.stderr);
  return JSON.parse(res.stdout) as JsonFinding[];
}

describe('the example workspace (examples/demo)', () => {
  it('has exactly the findings the README shows, each on its exact range', () => {
    const findings = checkExample();
    assert.deepEqual(findings.map(row), EXAMPLE_FINDINGS);
  });

  it('is checked with its own .shipshape.yaml (a severity raised, the target cluster version)', () => {
    const findings = checkExample();
    assert.equal(findings.find((f) => f.ruleId === 'k8s/read-only-root-filesystem')?.severity, 'warning');
    // The default target is newer; the message names the one .shipshape.yaml sets.
    assert.match(findings.find((f) => f.ruleId === 'k8s/deprecated-api-version')?.message ?? '', /\(target 1\.31\)/);
  });

  it('npm start checks it, lists the findings that have a fix, and exits 0', function () {
    this.timeout(120_000);
    const res = spawnSync(process.execPath, [path.join(ROOT, 'scripts/start.mjs')], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(res.status, 0, res.stderr);
    const lines = res.stdout.split('\n');
    assert.equal(lines[0], '$ npx shipshape check examples/demo');
    assert.ok(lines.includes(`${EXAMPLE_FINDINGS.length} findings (7 info, 17 warning, 3 error) in 8 files.`), res.stdout);
    const fixable = checkExample().filter((f) => f.fixable);
    assert.ok(lines.includes(`Fixes available for ${fixable.length} of ${EXAMPLE_FINDINGS.length} findings:`), res.stdout);
    const listed = lines.filter((l) => /^ {2}\S+ +examples\/demo\//.test(l)).map((l) => l.trim().split(/ +/).slice(1).join(' '));
    assert.deepEqual(
      listed,
      fixable.map((f) => `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.ruleId}`),
    );
  });
});
