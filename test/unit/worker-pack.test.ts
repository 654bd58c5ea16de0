/** The findings the check worker sends arrive as the engine made them, field for field. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ResolvedFinding } from '../../server/src/engine/types';
import { FULL_DIAGNOSTICS, toDiagnostic } from '../../server/src/handlers/convert';
import { packFindings, unpackFindings, type PackedFindings } from '../../server/src/worker/pack';
import { CORPUS, dockerfilesUnder, filesUnder, lintString } from './helpers';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/rules');

const at = (line: number, character: number, endLine: number, endCharacter: number) => ({
  start: { line, character },
  end: { line: endLine, character: endCharacter },
});

/** What the request thread receives: the packed findings cloned as `postMessage` clones them, the numbers moved. */
function across(findings: readonly ResolvedFinding[]): ResolvedFinding[] {
  const packed = packFindings(findings);
  const received: PackedFindings = structuredClone(packed, { transfer: [packed.numbers.buffer as ArrayBuffer] });
  // The buffer is moved, not copied: the worker's side is left empty.
  assert.equal(packed.numbers.length, 0);
  return unpackFindings(received);
}

describe('Findings packed for the request thread', () => {
  it('keep every field, and leave out the fields a finding does not have', () => {
    const findings: ResolvedFinding[] = [
      { ruleId: 'dockerfile/a', severity: 'error', fixable: false, message: 'one', range: at(0, 0, 0, 4) },
      {
        ruleId: 'dockerfile/b',
        severity: 'warning',
        fixable: true,
        message: 'two',
        range: at(3, 2, 5, 9),
        data: { n: [1, 'x'] },
        fix: 'safe',
      },
      { ruleId: 'dockerfile/a', severity: 'info', fixable: true, message: 'one', range: at(7, 1, 7, 2), fix: 'unsafe' },
      {
        ruleId: 'k8s/c',
        severity: 'hint',
        fixable: false,
        message: 'three',
        range: at(100000, 12, 100001, 0),
        related: [{ uri: 'file:///w/a.yaml', range: at(1, 2, 3, 4), message: 'there' }],
      },
      { ruleId: 'k8s/d', severity: 'warning', fixable: true, message: '', range: at(2, 0, 2, 0), data: undefined, fix: 'safe' },
    ];
    const back = unpackFindings(packFindings(findings));
    assert.deepStrictEqual(back, findings);
    assert.deepEqual(
      back.map((f) => Object.keys(f)),
      findings.map((f) => Object.keys(f)),
    );
    assert.deepStrictEqual(unpackFindings(packFindings([])), []);
  });

  it('gives back the findings of the rule fixtures unchanged', () => {
    const files = filesUnder(FIXTURES, (name) => !name.endsWith('.fixed') && !name.includes('.fixed.'), 400);
    let compared = 0;
    for (const file of files) {
      const rel = path.relative(FIXTURES, file);
      const findings = lintString(fs.readFileSync(file, 'utf8'), { filename: path.basename(file) });
      assert.deepStrictEqual(across(findings), findings, rel);
      compared += findings.length;
    }
    assert.ok(compared > 200, `expected findings to compare, got ${compared}`);
  });

  it('publish the diagnostics the findings themselves give, every field', () => {
    const findings: ResolvedFinding[] = [
      ...lintString('FROM ubuntu\nADD app.py /app/\nENV A=1 B=$A\nEXPOSE 80/TCP 99999\nRUN apt-get install curl\n', {
        filename: 'Dockerfile',
      }),
      {
        ruleId: 'k8s/x',
        severity: 'warning',
        fixable: true,
        message: 'with data, related and a fix',
        range: at(4, 0, 6, 3),
        data: { path: ['spec', 0, 'image'], nested: { ok: true, none: null } },
        related: [
          { uri: 'file:///w/a.yaml', range: at(1, 2, 3, 4), message: 'first' },
          { uri: 'file:///w/b%20c.yaml', range: at(0, 0, 0, 0), message: '' },
        ],
        fix: 'unsafe',
      },
      { ruleId: 'k8s/y', severity: 'error', fixable: false, message: 'related, no fix', range: at(9, 9, 9, 9), related: [] },
    ];
    assert.ok(findings.some((f) => f.fixable && f.data === undefined));
    const back = across(findings);
    for (const shape of [FULL_DIAGNOSTICS, { codeDescription: false }]) {
      const want = findings.map((f) => toDiagnostic(f, shape));
      const got = back.map((f) => toDiagnostic(f, shape));
      assert.deepStrictEqual(got, want);
      // Every field a diagnostic can carry, as the client receives it.
      assert.equal(JSON.stringify(got), JSON.stringify(want));
    }
    const full = back.map((f) => toDiagnostic(f));
    assert.deepEqual(Object.keys(full[full.length - 2]!).sort(), [
      'code',
      'codeDescription',
      'data',
      'message',
      'range',
      'relatedInformation',
      'severity',
      'source',
    ]);
    // Shipshape sets no diagnostic tags; none appear on the way.
    assert.ok(full.every((d) => d.tags === undefined));
  });

  it('give back the findings of the corpus Dockerfiles unchanged', function () {
    const dir = path.join(CORPUS, 'docker');
    if (!fs.existsSync(dir)) {
      console.log(`  (skipped: no corpus at ${dir})`);
      this.skip();
    }
    let compared = 0;
    for (const file of dockerfilesUnder(dir, 40)) {
      const findings = lintString(fs.readFileSync(file, 'utf8'), { filename: 'Dockerfile' });
      assert.deepStrictEqual(across(findings), findings, path.relative(dir, file));
      compared += findings.length;
    }
    assert.ok(compared > 0);
  });
});
