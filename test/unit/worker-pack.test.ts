/** The findings the check worker sends arrive as the engine made them, field for field. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ResolvedFinding } from '../../server/src/engine/types';
import { packFindings, unpackFindings } from '../../server/src/worker/pack';
import { filesUnder, lintString } from './helpers';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/rules');

const at = (line: number, character: number, endLine: number, endCharacter: number) => ({
  start: { line, character },
  end: { line: endLine, character: endCharacter },
});

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
      assert.deepStrictEqual(unpackFindings(packFindings(findings)), findings, rel);
      compared += findings.length;
    }
    assert.ok(compared > 200, `expected findings to compare, got ${compared}`);
  });
});
