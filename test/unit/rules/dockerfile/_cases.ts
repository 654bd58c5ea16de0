/** Table-driven "flags" / "does not flag" / "fixes" cases for the Dockerfile rules. */
import { strict as assert } from 'node:assert';
import { shellReady } from '../../../../server/src/dockerfile/shell';
import { applyFirstFix, lintString, r, type LintOptions } from '../../helpers';

/** A marker: the substring whose (n-th, 0-based) occurrence is the exact expected range. */
export type Marker = string | [text: string, occurrence: number];

/** The range `[line, char, line, char]` of a marker in `text`. */
export function rangeOf(text: string, marker: Marker): [number, number, number, number] {
  const [needle, nth] = typeof marker === 'string' ? [marker, 0] : marker;
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`marker ${JSON.stringify(marker)} not in text`);
  }
  const pos = (o: number) => {
    const before = text.slice(0, o).split('\n');
    return [before.length - 1, before[before.length - 1]!.length] as const;
  };
  return [...pos(at), ...pos(at + needle.length)];
}

/** One rule's cases. */
export interface Cases {
  /** Text and the markers of every finding it must produce, in document order. */
  flags?: [text: string, markers: Marker[], opts?: LintOptions][];
  /** Texts that must produce no finding of the rule. */
  clean?: (string | [text: string, opts: LintOptions])[];
  /** Text before and after the first fix. */
  fixes?: [before: string, after: string, opts?: LintOptions][];
  /** Texts the rule flags but must offer no fix for (the fix would not be valid there). */
  noFix?: (string | [text: string, opts: LintOptions])[];
}

/** Declares the mocha cases for one rule. */
export function ruleCases(id: string, c: Cases): void {
  describe(id, () => {
    before(() => shellReady);
    (c.flags ?? []).forEach(([text, markers, opts], i) => {
      it(`flags case ${i + 1}: ${JSON.stringify(text.slice(0, 60))}`, () => {
        const found = lintString(text, { ...opts, only: id });
        assert.deepEqual(
          found.map((f) => ({ ruleId: f.ruleId, range: r(f.range) })),
          markers.map((m) => ({ ruleId: id, range: rangeOf(text, m) })),
        );
      });
    });
    (c.clean ?? []).forEach((entry, i) => {
      const [text, opts] = typeof entry === 'string' ? [entry, {}] : entry;
      it(`does not flag case ${i + 1}: ${JSON.stringify(text.slice(0, 60))}`, () => {
        assert.deepEqual(
          lintString(text, { ...opts, only: id }).map((f) => `${f.message} @${r(f.range).join(',')}`),
          [],
        );
      });
    });
    (c.fixes ?? []).forEach(([before, after, opts], i) => {
      it(`fixes case ${i + 1}`, () => {
        assert.equal(applyFirstFix(before, id, opts), after);
      });
    });
    (c.noFix ?? []).forEach((entry, i) => {
      const [text, opts] = typeof entry === 'string' ? [entry, {}] : entry;
      it(`offers no fix in case ${i + 1}: ${JSON.stringify(text.slice(0, 60))}`, () => {
        assert.throws(() => applyFirstFix(text, id, opts), new RegExp(`${id} offered no fix`));
      });
    });
  });
}
