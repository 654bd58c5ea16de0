import { defineRule } from '../../engine/rule';
import type { Env, Label, Property } from 'dockerfile-ast';
import type { RuleContext } from '../../engine/rule';
import type { Range } from '../../engine/types';
import type { DfInstruction } from '../../dockerfile/model';
import { findingsByInstruction, modelOf } from '../../dockerfile/util';

/** The `ENV`/`LABEL` properties written `key value` instead of `key=value`. */
function legacy(ctx: RuleContext<'dockerfile'>): { keyword: string; p: Property }[] {
  const out: { keyword: string; p: Property }[] = [];
  for (const di of modelOf(ctx).instructions) legacyOf(di, out);
  return out;
}

/** {@link legacy} of one instruction, added to `out`. */
function legacyOf(di: DfInstruction, out: { keyword: string; p: Property }[]): void {
  if (di.keyword !== 'ENV' && di.keyword !== 'LABEL') return;
  for (const p of (di.ins as Env | Label).getProperties())
    if (p.getAssignmentOperator() === null && p.getValue() !== null) out.push({ keyword: di.keyword, p });
}

/** `ENV key value` is the legacy form of `ENV key=value`. */
export const rule = defineRule({
  id: 'dockerfile/legacy-key-value',
  title: 'ENV or LABEL in the legacy "key value" form',
  severity: 'info',
  appliesTo: ['dockerfile'],
  aliases: ['docker:LegacyKeyValueFormat'],
  docs: `\`ENV NAME value\` (and \`LABEL name value\`) is the legacy form: it sets one variable to everything after the first
space, so \`ENV A 1 B 2\` sets \`A\` to \`1 B 2\`, not two variables, and Docker marks the form as deprecated. Write
\`ENV NAME=value\`, quoting a value with spaces. The quick fix does so when the value holds no quotes or
backslashes (whose meaning differs between the forms).`,
  remediation: 'Use the `key=value` form: `ENV NAME=value` (quote values with spaces).',
  check(ctx) {
    return findingsByInstruction(ctx, 'dockerfile/legacy-key-value', (di, out) => {
      const found: { keyword: string; p: Property }[] = [];
      legacyOf(di, found);
      for (const { keyword, p } of found)
        out.push({ message: `${keyword} ${p.getName()} uses the legacy "key value" form; write ${p.getName()}=….`, range: p.getRange() });
    });
  },
  fixApplicability: 'safe',
  fix(ctx, finding) {
    const hit = legacy(ctx).find(
      ({ p }) => p.getRange().start.line === finding.range.start.line && p.getRange().start.character === finding.range.start.character,
    );
    const valueRange = hit?.p.getValueRange();
    if (!hit || !valueRange) return undefined;
    const lines = ctx.doc.lines;
    const raw = ctx.doc.text.slice(lines.offsetAt(valueRange.start), lines.offsetAt(valueRange.end));
    if (/["'\\\n`]/.test(raw)) return undefined;
    const value = /\s/.test(raw) ? `"${raw}"` : raw;
    const gap: Range = { start: hit.p.getNameRange().end, end: valueRange.end };
    return { title: `Write ${hit.p.getName()}=…`, edits: [{ range: gap, newText: `=${value}` }] };
  },
});
