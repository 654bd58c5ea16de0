import { strict as assert } from 'node:assert';
import { defineRule, type Rule } from '../../server/src/engine/rule';
import { applyEdits } from '../../server/src/engine/engine';
import { RULES } from '../../server/src/rules';
import { lintString, r } from './helpers';

const boom = defineRule({
  id: 'test/boom',
  title: 'Always throws',
  severity: 'error',
  appliesTo: ['dockerfile'],
  aliases: [],
  docs: 'x',
  remediation: 'x.',
  check() {
    throw new Error('kaboom');
  },
}) as Rule;

// The Dockerfile catalogue has many rules; these cases are about the engine, so they run one of them.
const maintainerOnly = RULES.filter((x) => x.id === 'dockerfile/maintainer-deprecated');

const offByOne = defineRule({
  id: 'test/off-by-one',
  title: 'Reports past the end of the line',
  severity: 'warning',
  appliesTo: ['dockerfile'],
  aliases: [],
  docs: 'x',
  remediation: 'x.',
  check: () => [{ message: 'past the end', range: { start: { line: 0, character: 3 }, end: { line: 0, character: 99 } } }],
}) as Rule;

describe('engine', () => {
  it('clamps a range past the end of a line into the document', () => {
    const found = lintString('FROM a:1\nUSER 10001\n', { rules: [offByOne] });
    assert.deepEqual(
      found.map((f) => r(f.range)),
      [[0, 3, 0, 8]],
    );
  });
  it('survives a RUN of thousands of chained commands without a rule failing', () => {
    const found = lintString(`FROM alpine:3.20\nRUN ${'echo x && '.repeat(5000)}true\nUSER 10001\n`, { filename: 'Dockerfile' });
    assert.deepEqual(
      found.filter((f) => f.ruleId === 'shipshape/internal-error').map((f) => f.message),
      [],
    );
  });
  it('turns a throwing rule into one internal-error finding and still runs the others', () => {
    const found = lintString('FROM a:1\nMAINTAINER x\n', { rules: [boom, ...maintainerOnly] });
    assert.deepEqual(
      found.map((f) => f.ruleId),
      ['shipshape/internal-error', 'dockerfile/maintainer-deprecated'],
    );
    assert.match(found[0]!.message, /test\/boom.*kaboom/);
  });
  it('applies severity overrides from .shipshape.yaml, including off', () => {
    const text = 'FROM a:1\nMAINTAINER x\n';
    const rules = maintainerOnly;
    assert.equal(lintString(text, { rules, config: 'rules:\n  dockerfile/maintainer-deprecated: error\n' })[0]?.severity, 'error');
    assert.deepEqual(lintString(text, { rules, config: 'rules:\n  dockerfile/maintainer-deprecated: "off"\n' }), []);
    assert.equal(
      lintString(text, { rules, config: 'rules:\n  dockerfile/maintainer-deprecated:\n    severity: hint\n' })[0]?.severity,
      'hint',
    );
  });
  it('keeps the valid parts of an invalid config', () => {
    const text = 'FROM a:1\nMAINTAINER x\n';
    assert.deepEqual(
      lintString(text, { rules: maintainerOnly, config: 'rules:\n  nope/nope: off\n  dockerfile/maintainer-deprecated: "off"\n' }),
      [],
    );
  });
  it('reports a binary file once instead of linting it', () => {
    const found = lintString('FROM a\u0000\u0001\u0002', { filename: 'Dockerfile' });
    assert.deepEqual(
      found.map((f) => [f.ruleId, r(f.range)]),
      [['shipshape/binary-file', [0, 0, 0, 0]]],
    );
  });
  it('gives other YAML no findings at all, even when broken', () => {
    assert.deepEqual(lintString('name: ci\non: [push\n', { filename: '.github/workflows/ci.yaml' }), []);
  });
  it('survives a YAML alias bomb', () => {
    const bomb = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: x}', 'a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 9; i++)
      bomb.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`,
      );
    const found = lintString(bomb.join('\n') + '\n', { filename: 'bomb.yaml' });
    assert.ok(Array.isArray(found));
  });
  it('applies edits from the end without disturbing earlier offsets', () => {
    const text = 'abc\ndef\n';
    assert.equal(
      applyEdits(text, [
        { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, newText: 'D' },
        { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '>' },
      ]),
      '>abc\nDef\n',
    );
  });
});
