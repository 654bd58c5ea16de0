/**
 * The invariants of the bad-input fuzz run, checked in-process against the engine: linting never
 * throws, no rule fails (an internal-error finding is a failure), every finding and every fix edit
 * lies inside the document, and applying a fix never throws.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits, INTERNAL_ERROR } from '../../server/src/engine/engine';
import { Project } from '../../server/src/engine/project';
import type { Range } from '../../server/src/engine/types';
import { pathToFileUri } from '../../server/src/engine/uri';
import { RULES } from '../../server/src/rules';
import { EngineReady } from '../../server/src/engine/ready';

/** One broken invariant. */
export interface FuzzFailure {
  readonly invariant: 'no-throw' | 'no-internal-error' | 'range-in-document' | 'fix-applies';
  /** The rule at fault, when one is known. */
  readonly ruleId?: string;
  readonly message: string;
}

/** The outcome of checking one input. */
export interface FuzzResult {
  readonly failures: FuzzFailure[];
  readonly findings: number;
  readonly ms: number;
}

/** Line lengths (UTF-16) of a text, splitting like LSP (`\r\n`, `\n`, `\r`). */
function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

function rangeProblem(range: Range, lines: readonly number[]): string | undefined {
  const inside = (p: Range['start']) => p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line]!;
  if (!inside(range.start) || !inside(range.end)) return `range ${JSON.stringify(range)} is outside the document (${lines.length} lines)`;
  if (range.start.line > range.end.line || (range.start.line === range.end.line && range.start.character > range.end.character)) {
    return `range ${JSON.stringify(range)} ends before it starts`;
  }
  return undefined;
}

const projects = new Map<string, Project>();
let ready: EngineReady | undefined;

/** Loads the engine; call (and await) once before {@link checkInput}. */
export async function loadEngine(): Promise<void> {
  ready = await EngineReady.load();
}

/** A project rooted at `root` (cached: the fuzz run checks many inputs against the same roots). */
export function projectFor(root: string): Project {
  if (!ready) throw new Error('loadEngine() first');
  let p = projects.get(root);
  if (!p) projects.set(root, (p = Project.create(ready, RULES, [root])));
  return p;
}

/**
 * Lints `text` as the file `file` (whose folder decides the classification, e.g. a chart's
 * templates), asks for the fix of up to `maxFixes` fixable findings, and checks the invariants.
 */
export function checkInput(file: string, text: string, root = path.dirname(file), maxFixes = 10): FuzzResult {
  const project = projectFor(root);
  const uri = pathToFileUri(file);
  const failures: FuzzFailure[] = [];
  const t0 = performance.now();
  let findings = 0;
  try {
    project.updateIndex(uri, text);
    const res = project.lint({ uri, text });
    findings = res.findings.length;
    const lines = lineLengths(text);
    let fixes = 0;
    for (const f of res.findings) {
      if (f.ruleId === INTERNAL_ERROR) {
        const rule = (f.data as { rule?: string } | undefined)?.rule;
        failures.push({ invariant: 'no-internal-error', ruleId: rule, message: f.message });
        continue;
      }
      const bad = rangeProblem(f.range, lines);
      if (bad) failures.push({ invariant: 'range-in-document', ruleId: f.ruleId, message: bad });
      if (!f.fixable || fixes >= maxFixes) continue;
      fixes++;
      const fix = project.fix(f.ruleId, { uri, text }, f);
      if (!fix) continue;
      for (const e of fix.edits) {
        const badEdit = rangeProblem(e.range, lines);
        if (badEdit) failures.push({ invariant: 'range-in-document', ruleId: f.ruleId, message: `fix edit: ${badEdit}` });
      }
      try {
        applyEdits(text, fix.edits);
      } catch (e) {
        failures.push({ invariant: 'fix-applies', ruleId: f.ruleId, message: String(e) });
      }
    }
  } catch (e) {
    failures.push({ invariant: 'no-throw', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  } finally {
    project.index.delete(uri);
  }
  return { failures, findings, ms: performance.now() - t0 };
}

/** A real input to mutate: its text and the path it is checked as. */
export interface Seed {
  readonly file: string;
  readonly text: string;
}

const INTERESTING = /(?:Dockerfile|Containerfile|\.dockerignore|\.ya?ml|\.tpl|\.json)$/i;

/** Every fixture file under `dir` (and corpus file, when given), read once; at most `limit`. */
export function collectSeeds(dirs: readonly string[], limit = Infinity, maxBytes = 256 * 1024): Seed[] {
  const out: Seed[] = [];
  const walk = (d: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (out.length >= limit) return;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && INTERESTING.test(e.name)) {
        const st = fs.statSync(p);
        if (st.size > maxBytes) continue;
        out.push({ file: p, text: fs.readFileSync(p, 'utf8') });
      }
    }
  };
  for (const d of dirs) walk(d);
  return out;
}
