import { classify, type FileProbe } from './classify';
import type { EffectiveConfig } from './config';
import { parseDockerfile } from '../parse/dockerfile';
import { parseYaml } from '../parse/yaml';
import { parseCompose, type ComposeDocument } from '../compose/model';
import type { EngineReady } from './ready';
import type { ParsedDocument, Rule, RuleContext } from './rule';
import { applySuppressions } from './suppress';
import { LineIndex } from './text';
import { findExecutable } from './tools';
import type { Applicability, DocumentKind, Finding, Fix, Position, Range, ResolvedFinding, Severity, TextEdit } from './types';
import type { WorkspaceView } from './workspace';
import { fileUriToPath } from './uri';
import { isKustomizePatch, PATCH_RULES } from './patches';

/** Ids of the findings the engine itself emits. */
export const INTERNAL_ERROR = 'shipshape/internal-error';
export const FILE_TOO_LARGE = 'shipshape/file-too-large';
export const BINARY_FILE = 'shipshape/binary-file';
export const TOO_MANY_FINDINGS = 'shipshape/too-many-findings';
export const CHECK_TIMEOUT = 'shipshape/check-timeout';

/** At most this many findings are reported for one document (one more finding says how many were left out). */
export const MAX_FINDINGS = 1000;

/** A document to lint. */
export interface LintInput {
  readonly uri: string;
  readonly text: string;
  readonly languageId?: string;
}

/** What linting needs besides the document. */
export interface LintEnvironment {
  readonly rules: readonly Rule[];
  readonly config: EffectiveConfig;
  readonly workspace: WorkspaceView;
  readonly probe: FileProbe;
  /**
   * `false` in an untrusted workspace: rules that run an external program (`requires`) are
   * skipped. Absent (the CLI, tests) means trusted.
   */
  readonly trusted?: boolean;
  /** Every parser awaited (the only way to lint: see {@link EngineReady}). */
  readonly ready: EngineReady;
}

/** The outcome of linting one document. */
export interface LintResult {
  readonly kind: DocumentKind;
  readonly chartRoot: string | undefined;
  readonly findings: ResolvedFinding[];
}

/**
 * The last few parses. One keystroke parses the same text up to three times (the index entry, the
 * lint, each quick fix); rules treat documents as read-only, so the parse can be shared.
 */
const recentParses: { kind: DocumentKind; text: string; doc: ParsedDocument }[] = [];
const RECENT_PARSES = 4;

/** Parses text as the given kind (sharing the result with recent calls for the same text). */
export function parseAs(kind: DocumentKind, text: string): ParsedDocument {
  const hit = recentParses.findIndex((p) => p.kind === kind && p.text === text);
  if (hit >= 0) {
    const [entry] = recentParses.splice(hit, 1);
    recentParses.unshift(entry!);
    return entry!.doc;
  }
  const base = recentParses.find((p) => p.kind === kind);
  // A manifest parse may take the documents after the change from its base, moving them: the base
  // is then given up, unless something holds on to it (a parse kept for a batch's lint).
  const takeOver = base !== undefined && kind === 'manifest' && !held.has(base.doc);
  const doc = parseUncached(kind, text, base?.doc, takeOver);
  if (takeOver) recentParses.splice(recentParses.indexOf(base), 1);
  recentParses.unshift({ kind, text, doc });
  if (recentParses.length > RECENT_PARSES) recentParses.pop();
  return doc;
}

/** Parses that must stay as they are (a later parse may not take their documents over). */
const held = new WeakSet<ParsedDocument>();

/** Keeps `doc` as it is while it is referenced, whatever is parsed next (see {@link parseAs}). */
export function holdParse(doc: ParsedDocument): void {
  held.add(doc);
}

/** `recent` is the latest parse of the same kind: only what changed since is parsed again. */
function parseUncached(kind: DocumentKind, text: string, recent: ParsedDocument | undefined, takeOver = false): ParsedDocument {
  switch (kind) {
    case 'dockerfile':
      return parseDockerfile(text, recent?.kind === 'dockerfile' ? recent : undefined);
    case 'manifest':
    case 'kustomization':
    case 'helm-chart':
    case 'helm-values':
    case 'shipshape-config':
      return parseYaml(text, kind, recent?.kind === kind ? recent : undefined, takeOver && recent?.kind === kind);
    case 'compose':
      return parseCompose(text, recent?.kind === 'compose' ? (recent as ComposeDocument) : undefined);
    default:
      return { kind, text, lines: new LineIndex(text) } as ParsedDocument;
  }
}

function looksBinary(text: string): boolean {
  const head = text.length > 8192 ? text.slice(0, 8192) : text;
  return head.includes('\u0000');
}

/** Builds the context a rule sees for one document. */
export function ruleContext(
  rule: Rule,
  input: LintInput,
  doc: ParsedDocument,
  chartRoot: string | undefined,
  env: Pick<LintEnvironment, 'config' | 'workspace'>,
  filePath: string | undefined = fileUriToPath(input.uri),
): RuleContext {
  return {
    uri: input.uri,
    path: filePath,
    chartRoot,
    doc,
    settings: env.config.ruleSettings(rule.id, rule.options),
    workspace: env.workspace,
  };
}

/**
 * Classifies, parses and runs every applicable rule on one document. A rule that throws becomes
 * one internal-error finding naming it; the other rules still run. `known` skips the
 * classification and, with `doc`, the parse (which must be of `input.text` as `known.kind`).
 */
export function lint(
  input: LintInput,
  env: LintEnvironment,
  known?: { kind: DocumentKind; chartRoot: string | undefined; doc?: ParsedDocument },
): LintResult & { doc: ParsedDocument | undefined } {
  const path = fileUriToPath(input.uri);
  const { kind, chartRoot } = known ?? classify(path, input.languageId, input.text, env.probe);
  if (kind === 'other') return { kind, chartRoot, findings: [], doc: undefined };
  // `ignorePaths` in a .shipshape.yaml: the file is not checked at all.
  if (path && env.config.ignores(path)) return { kind, chartRoot, findings: [], doc: undefined };
  const lines = new LineIndex('');
  if (looksBinary(input.text)) {
    return {
      kind,
      chartRoot,
      doc: undefined,
      findings: [
        {
          ruleId: BINARY_FILE,
          severity: 'info',
          fixable: false,
          message: 'This file looks binary (it contains NUL bytes); Shipshape did not check it.',
          range: lines.range(0, 0),
        },
      ],
    };
  }
  // The size is looked at before the parse: parsing is what a huge file makes slow.
  if (input.text.length > env.config.maxFileSize) {
    return {
      kind,
      chartRoot,
      doc: undefined,
      findings: [
        {
          ruleId: FILE_TOO_LARGE,
          severity: 'info',
          fixable: false,
          message: `This file has ${input.text.length} characters, more than maxFileSize (${env.config.maxFileSize}); Shipshape did not parse it and ran no rules on it.`,
          range: lines.range(0, 0),
        },
      ],
    };
  }
  const doc = known?.doc ?? parseAs(kind, input.text);
  const out: ResolvedFinding[] = [];
  // A parser that failed to load is never suppressed: it would silence whole families of rules.
  const unloaded: ResolvedFinding[] = [];
  for (const failed of env.ready.failuresFor(kind)) {
    unloaded.push({
      ruleId: INTERNAL_ERROR,
      severity: 'error',
      fixable: false,
      message: `Shipshape could not load ${failed.name} (${failed.message}), so the rules that need it did not check this file. Please report it.`,
      range: lines.range(0, 0),
      data: { parser: failed.name },
    });
  }
  const patch = kind === 'manifest' && isKustomizePatch(env.workspace, path);
  for (const { rule, configured, overridden } of rulesToRun(env.rules, env.config, kind)) {
    if (patch && !PATCH_RULES.has(rule.id)) continue;
    if (rule.requires && (env.trusted === false || !findExecutable(rule.requires))) continue;
    let found: Finding[];
    try {
      found = rule.check(ruleContext(rule, input, doc, chartRoot, env, path));
    } catch (e) {
      out.push({
        ruleId: INTERNAL_ERROR,
        severity: 'error',
        fixable: false,
        message: `Rule ${rule.id} failed on this file: ${e instanceof Error ? e.message : String(e)}. Please report it; the other rules still ran.`,
        range: lines.range(0, 0),
        data: { rule: rule.id },
      });
      continue;
    }
    const fixable = rule.fix !== undefined;
    const fixApplicability = rule.fixApplicability;
    for (const f of found) {
      // Built field by field, not by spreading `f`: rules return findings of many shapes, and a
      // spread over them all is megamorphic and took a quarter of a Dockerfile edit's lint.
      const resolved: ResolvedFinding = {
        ruleId: rule.id,
        severity: overridden ? configured : (f.severity ?? configured),
        fixable,
        message: f.message,
        range: clampRange(doc.lines, f.range),
      };
      if (f.data !== undefined) resolved.data = f.data;
      if (f.related !== undefined) resolved.related = f.related;
      if (fixApplicability !== undefined) resolved.fix = fixApplicability;
      out.push(resolved);
    }
  }
  const byId = rulesById(env.rules);
  const findings = applySuppressions(doc, out, (id) => byId.get(id)?.aliases ?? []);
  findings.push(...unloaded);
  findings.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || byCodeUnit(a.ruleId, b.ruleId),
  );
  return { kind, chartRoot, findings: capFindings(findings), doc };
}

/** A rule that runs on a kind of document under a configuration, with its configured severity. */
interface PlannedRule {
  readonly rule: Rule;
  readonly configured: Severity;
  /** Whether the configuration sets the rule's severity (it then wins over a finding's own). */
  readonly overridden: boolean;
}

const plans = new WeakMap<EffectiveConfig, WeakMap<readonly Rule[], Map<DocumentKind, readonly PlannedRule[]>>>();

/**
 * The rules of `rules` that apply to `kind` and that `config` leaves on, in order: worked out once
 * per configuration and kind (configurations are shared by the documents of a folder), not once per
 * rule and document.
 */
function rulesToRun(rules: readonly Rule[], config: EffectiveConfig, kind: DocumentKind): readonly PlannedRule[] {
  let byRules = plans.get(config);
  if (!byRules) plans.set(config, (byRules = new WeakMap()));
  let byKind = byRules.get(rules);
  if (!byKind) byRules.set(rules, (byKind = new Map()));
  let plan = byKind.get(kind);
  if (!plan) {
    const planned: PlannedRule[] = [];
    for (const rule of rules) {
      if (!rule.appliesTo.includes(kind)) continue;
      const configured = config.severity(rule.id, rule.severity);
      if (configured === 'off') continue;
      const overridden = config.rules[rule.id]?.severity !== undefined;
      if (rule.defaultEnabled === false && !overridden) continue;
      planned.push({ rule, configured, overridden });
    }
    byKind.set(kind, (plan = planned));
  }
  return plan;
}

/** The first {@link MAX_FINDINGS} findings, and one more where the rest begin saying how many there are. */
export function capFindings(findings: ResolvedFinding[], max = MAX_FINDINGS): ResolvedFinding[] {
  if (findings.length <= max) return findings;
  const rest = findings.length - max;
  const first = findings[max]!;
  const kept = findings.slice(0, max);
  kept.push({
    ruleId: TOO_MANY_FINDINGS,
    severity: 'info',
    fixable: false,
    message: `${rest} more finding${rest === 1 ? '' : 's'} in this file from here on ${rest === 1 ? 'is' : 'are'} not shown: Shipshape reports at most ${max} per file.`,
    range: { start: first.range.start, end: first.range.start },
  });
  return kept;
}

/** Ordinal string order (rule ids are ASCII; `localeCompare` costs a collator call per comparison). */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const ruleMaps = new WeakMap<readonly Rule[], ReadonlyMap<string, Rule>>();

/** The rules of a list by id, built once per list (not once per lint). */
function rulesById(rules: readonly Rule[]): ReadonlyMap<string, Rule> {
  let map = ruleMaps.get(rules);
  if (!map) ruleMaps.set(rules, (map = new Map(rules.map((r) => [r.id, r] as const))));
  return map;
}

/**
 * Keeps a rule's range inside the document: a position past the end of its line (or of the text)
 * moves to that end, so editors never receive an invalid range even from a rule's off-by-one.
 */
function clampRange(lines: LineIndex, range: Range): Range {
  const inside = (p: Position) =>
    p.line >= 0 && p.line < lines.lineCount && p.character >= 0 && p.character <= lines.lineEnd(p.line) - lines.lineStart(p.line);
  if (inside(range.start) && inside(range.end)) return range;
  return { start: lines.positionAt(lines.offsetAt(range.start)), end: lines.positionAt(lines.offsetAt(range.end)) };
}

/**
 * Asks a rule for the fix of one finding, against the current text. The fix's `applicability` is
 * the lower of the rule's and the fix's own, and its inserted line breaks follow the document's
 * (a CRLF file stays CRLF).
 */
export function computeFix(
  rule: Rule,
  input: LintInput,
  finding: Finding,
  env: Pick<LintEnvironment, 'config' | 'workspace' | 'probe'>,
): Fix | undefined {
  if (!rule.fix) return undefined;
  const path = fileUriToPath(input.uri);
  const { kind, chartRoot } = classify(path, input.languageId, input.text, env.probe);
  if (!rule.appliesTo.includes(kind)) return undefined;
  const doc = parseAs(kind, input.text);
  let fix: Fix | undefined;
  try {
    fix = rule.fix(ruleContext(rule, input, doc, chartRoot, env), finding);
  } catch {
    return undefined;
  }
  if (!fix) return undefined;
  const applicability: Applicability = rule.fixApplicability === 'safe' && fix.applicability !== 'unsafe' ? 'safe' : 'unsafe';
  const eol = lineBreakOf(input.text);
  const edits = eol === '\n' ? fix.edits : fix.edits.map((e) => ({ range: e.range, newText: e.newText.replace(/\r?\n/g, eol) }));
  return { title: fix.title, edits, applicability };
}

/** The line break a text uses (its first one; `\n` when it has none). */
export function lineBreakOf(text: string): '\n' | '\r\n' {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

/** Applies non-overlapping edits to text (overlapping later edits are dropped). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const idx = new LineIndex(text);
  const withOffsets = edits
    .map((e, i) => ({ s: idx.offsetAt(e.range.start), e: idx.offsetAt(e.range.end), t: e.newText, i }))
    .sort((a, b) => a.s - b.s || a.e - b.e || a.i - b.i);
  let out = '';
  let pos = 0;
  for (const e of withOffsets) {
    if (e.s < pos) continue;
    out += text.slice(pos, e.s) + e.t;
    pos = e.e;
  }
  return out + text.slice(pos);
}

/** Which fixes a bulk fix applies. */
export interface FixAllOptions {
  /** Apply `unsafe` fixes too (`--unsafe-fixes`). Default: safe fixes only. */
  readonly unsafe?: boolean;
  /** Fix only findings at or above this severity (what the front end reports). Default: all. */
  readonly threshold?: Severity;
}

const RANK: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

/**
 * Applies the fixes of the reported findings (after suppressions and configuration, at or above
 * the threshold, safe ones only unless `unsafe`), re-linting between passes until nothing fixable
 * is left (at most `maxPasses`), and returns the final text. Used by `--fix` and
 * `source.fixAll.shipshape`.
 */
export function fixAll(
  input: LintInput,
  env: LintEnvironment,
  options: FixAllOptions = {},
  maxPasses = 10,
): { text: string; applied: number } {
  let text = input.text;
  let applied = 0;
  const byId = rulesById(env.rules);
  const tried = new Set<string>();
  const floor = RANK[options.threshold ?? 'hint'];
  // A rule whose fix did not lower its own count of findings would add the same text on every pass.
  const stalled = new Set<string>();
  let before = new Map<string, number>();
  let fixedLast = new Set<string>();
  for (let pass = 0; pass < maxPasses; pass++) {
    const cur = { ...input, text };
    const res = lint(cur, env);
    const counts = new Map<string, number>();
    for (const f of res.findings) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
    for (const id of fixedLast) if ((counts.get(id) ?? 0) >= (before.get(id) ?? 0)) stalled.add(id);
    before = counts;
    fixedLast = new Set();
    const edits: TextEdit[] = [];
    let count = 0;
    for (const f of res.findings) {
      if (RANK[f.severity] < floor || stalled.has(f.ruleId)) continue;
      const rule = byId.get(f.ruleId);
      if (!rule?.fix) continue;
      if (rule.fixApplicability !== 'safe' && !options.unsafe) continue;
      const key = `${f.ruleId}@${JSON.stringify(f.range)}@${text.length}`;
      if (tried.has(key)) continue;
      tried.add(key);
      const fix = computeFix(rule, cur, f, env);
      if (!fix || fix.edits.length === 0) continue;
      if (fix.applicability !== 'safe' && !options.unsafe) continue;
      // One fix per pass per region keeps edits from colliding; the next pass picks up the rest.
      if (edits.some((e) => fix.edits.some((n) => overlaps(e, n)))) continue;
      edits.push(...fix.edits);
      fixedLast.add(f.ruleId);
      count++;
    }
    if (count === 0) break;
    const next = applyEdits(text, edits);
    if (next === text) break;
    text = next;
    applied += count;
  }
  return { text, applied };
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  const lt = (p: Position, q: Position) => p.line < q.line || (p.line === q.line && p.character < q.character);
  const eq = (p: Position, q: Position) => p.line === q.line && p.character === q.character;
  // Two edits at the same point also collide: their order would be ambiguous.
  return (lt(a.range.start, b.range.end) && lt(b.range.start, a.range.end)) || eq(a.range.start, b.range.start);
}
