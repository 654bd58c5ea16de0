/** The example workspace the README's first command checks (examples/demo), through the built CLI. */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { EXAMPLE_FINDINGS } from './example-findings';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');

interface JsonFinding {
  file: string;
  ruleId: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  fixable: boolean;
  fix: 'safe' | 'unsafe' | null;
}

/** A finding as `file line:col-line:col rule` (1-based, as an editor shows it), under examples/demo. */
function row(f: JsonFinding): string {
  const { start, end } = f.range;
  const file = path.relative('examples/demo', f.file).split(path.sep).join('/');
  return `${file} ${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${f.ruleId}`;
}

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
    assert.ok(lines.includes(`${EXAMPLE_FINDINGS.length} findings (8 info, 17 warning, 3 error) in 8 files.`), res.stdout);
    const fixable = checkExample().filter((f) => f.fixable);
    assert.ok(lines.includes(`Fixes available for ${fixable.length} of ${EXAMPLE_FINDINGS.length} findings:`), res.stdout);
    const listed = lines.filter((l) => /^ {2}\S+ +examples\/demo\//.test(l)).map((l) => l.trim().split(/ +/).join(' '));
    assert.deepEqual(
      listed,
      fixable.map((f) => `${f.fix} ${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.ruleId}`),
    );
    assert.ok(
      fixable.every((f) => f.fix === 'safe' || f.fix === 'unsafe'),
      'every fixable finding says whether its fix is safe',
    );
  });
});
