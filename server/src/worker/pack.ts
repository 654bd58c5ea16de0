/**
 * Findings packed for the trip from the check worker to the request thread. A structured clone of
 * the findings as objects (five or six small objects each) cost about 2.3 ms for the 356 findings
 * of a 1,000-line Dockerfile, more than its check; as one array of numbers (moved, not copied), a
 * list of the distinct rule ids and messages, and the rare `data` and `related` apart, it costs
 * a few hundredths of a millisecond.
 */
import type { Applicability, ResolvedFinding, Severity } from '../engine/types';

/** The packed form of `ResolvedFinding[]` (see {@link packFindings}). */
export interface PackedFindings {
  /** {@link FIELDS} numbers per finding. */
  readonly numbers: Float64Array;
  /** Rule ids and messages, each once. */
  readonly strings: string[];
  /** `data` and `related` of the findings that have either, in order. */
  readonly extras: Extra[];
}

type Extra = { data?: unknown; related?: ResolvedFinding['related'] };

/** Start line, start character, end line, end character, rule id, message, flags, extra (1-based, 0 for none). */
const FIELDS = 8;
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];
const SEVERITY_INDEX: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2, hint: 3 };
const FIXABLE = 4;
const SAFE = 8;
const UNSAFE = 16;

/** Packs findings; {@link unpackFindings} gives them back field for field. */
export function packFindings(findings: readonly ResolvedFinding[]): PackedFindings {
  const numbers = new Float64Array(findings.length * FIELDS);
  const strings: string[] = [];
  const index = new Map<string, number>();
  const extras: Extra[] = [];
  const str = (s: string) => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.push(s) - 1;
      index.set(s, i);
    }
    return i;
  };
  for (let k = 0; k < findings.length; k++) {
    const f = findings[k]!;
    const o = k * FIELDS;
    numbers[o] = f.range.start.line;
    numbers[o + 1] = f.range.start.character;
    numbers[o + 2] = f.range.end.line;
    numbers[o + 3] = f.range.end.character;
    numbers[o + 4] = str(f.ruleId);
    numbers[o + 5] = str(f.message);
    numbers[o + 6] = SEVERITY_INDEX[f.severity] | (f.fixable ? FIXABLE : 0) | (f.fix === 'safe' ? SAFE : f.fix === 'unsafe' ? UNSAFE : 0);
    if ('data' in f || 'related' in f) {
      const extra: Extra = {};
      if ('data' in f) extra.data = f.data;
      if ('related' in f) extra.related = f.related;
      numbers[o + 7] = extras.push(extra);
    }
  }
  return { numbers, strings, extras };
}

/** The findings {@link packFindings} packed. */
export function unpackFindings(p: PackedFindings): ResolvedFinding[] {
  const { numbers, strings, extras } = p;
  const out: ResolvedFinding[] = [];
  for (let o = 0; o < numbers.length; o += FIELDS) {
    const flags = numbers[o + 6]!;
    const f: ResolvedFinding = {
      ruleId: strings[numbers[o + 4]!]!,
      severity: SEVERITIES[flags & 3]!,
      fixable: (flags & FIXABLE) !== 0,
      message: strings[numbers[o + 5]!]!,
      range: { start: { line: numbers[o]!, character: numbers[o + 1]! }, end: { line: numbers[o + 2]!, character: numbers[o + 3]! } },
    };
    const extra = numbers[o + 7] ? extras[numbers[o + 7]! - 1] : undefined;
    if (extra && 'data' in extra) f.data = extra.data;
    if (extra && 'related' in extra) f.related = extra.related;
    const fix: Applicability | undefined = flags & SAFE ? 'safe' : flags & UNSAFE ? 'unsafe' : undefined;
    if (fix) f.fix = fix;
    out.push(f);
  }
  return out;
}
