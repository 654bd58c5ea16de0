/**
 * The chart model: what a rule needs to know about the other files of a chart (values, schema,
 * templates, vendored subcharts), read from disk and cached by modification time so a rule on
 * one file stays fast while the user types.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYamlValue } from 'yaml';
import { readTextFileSync } from '../engine/files';
import { analyzeTemplate, type Binding, type TemplateReads } from './reads';
import { parseTemplate, type ParsedTemplate } from './template';

/** A file's text with the mtime it was read at. */
interface CachedText {
  readonly mtimeMs: number;
  readonly size: number;
  readonly text: string;
}

const textCache = new Map<string, CachedText | null>();
const MAX_FILE = 2 * 1024 * 1024;

/** Reads a file, reusing the last read when its mtime and size did not change. */
export function readCached(file: string): string | undefined {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    textCache.delete(file);
    return undefined;
  }
  if (!st.isFile() || st.size > MAX_FILE) return undefined;
  const hit = textCache.get(file);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.text;
  // The name was looked at above; the read looks at the opened handle again (the file can change in between).
  const read = readTextFileSync(file, MAX_FILE);
  if (!read.ok) return undefined;
  textCache.set(file, { mtimeMs: read.mtimeMs, size: read.size, text: read.text });
  return read.text;
}

const derived = new Map<string, { text: string; value: unknown }>();

/** A value computed from a file's text, recomputed only when the text changes. */
function derivedFrom<T>(key: string, text: string, compute: (text: string) => T): T {
  const hit = derived.get(key);
  if (hit && hit.text === text) return hit.value as T;
  const value = compute(text);
  derived.set(key, { text, value });
  return value;
}

/** Parses YAML text to plain data; undefined when it does not parse. */
export function yamlData(text: string): unknown {
  try {
    return parseYamlValue(text, { maxAliasCount: 1000, strict: false, prettyErrors: false });
  } catch {
    return undefined;
  }
}

/** Whether a value is a plain (non-array) object. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A dependency entry of `Chart.yaml`. */
export interface ChartDependency {
  readonly name: string;
  readonly alias: string | undefined;
  /** The vendored chart folder under `charts/`, if there is one. */
  readonly dir: string | undefined;
}

/** What a chart is made of. */
export interface ChartInfo {
  readonly root: string;
  readonly name: string | undefined;
  readonly type: string | undefined;
  readonly dependencies: readonly ChartDependency[];
  /** Vendored subcharts by the key their values live under (alias or name). */
  readonly subcharts: ReadonlyMap<string, string>;
  /** `values*.yaml` files in the chart root. */
  readonly valuesFiles: readonly string[];
  /** Template files (`templates/**`). */
  readonly templates: readonly string[];
}

const VALUES_FILE = /^values(?:[-._].+)?\.ya?ml$/i;
const TEMPLATE_FILE = /\.(?:ya?ml|tpl|txt|json)$/i;

function listDir(dir: string): fs.Dirent[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function walkTemplates(dir: string, out: string[], depth = 0): void {
  if (depth > 8) return;
  for (const e of listDir(dir)) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walkTemplates(p, out, depth + 1);
    else if (e.isFile() && TEMPLATE_FILE.test(e.name)) out.push(p);
  }
}

function dirStamp(dirs: readonly string[]): string {
  return dirs
    .map((d) => {
      try {
        return String(fs.statSync(d).mtimeMs);
      } catch {
        return '-';
      }
    })
    .join('|');
}

const chartCache = new Map<string, { stamp: string; chartText: string | undefined; info: ChartInfo }>();

/** The chart rooted at `root` (the folder holding `Chart.yaml`). */
export function loadChart(root: string): ChartInfo {
  const chartText = readCached(path.join(root, 'Chart.yaml'));
  const stamp = dirStamp([root, path.join(root, 'templates'), path.join(root, 'charts')]);
  const hit = chartCache.get(root);
  if (hit && hit.stamp === stamp && hit.chartText === chartText) return hit.info;
  const meta = chartText !== undefined ? yamlData(chartText) : undefined;
  const m = isRecord(meta) ? meta : {};
  const vendored = new Map<string, string>();
  for (const e of listDir(path.join(root, 'charts'))) {
    if (!e.isDirectory()) continue;
    const dir = path.join(root, 'charts', e.name);
    const sub = readCached(path.join(dir, 'Chart.yaml'));
    if (sub === undefined) continue;
    const sm = yamlData(sub);
    const name = isRecord(sm) && typeof sm.name === 'string' ? sm.name : e.name;
    vendored.set(name, dir);
  }
  const dependencies: ChartDependency[] = [];
  const subcharts = new Map<string, string>();
  const declared = Array.isArray(m.dependencies) ? m.dependencies : [];
  for (const d of declared) {
    if (!isRecord(d) || typeof d.name !== 'string') continue;
    const alias = typeof d.alias === 'string' ? d.alias : undefined;
    const dir = vendored.get(d.name);
    dependencies.push({ name: d.name, alias, dir });
    if (dir) subcharts.set(alias ?? d.name, dir);
  }
  for (const [name, dir] of vendored) if (!declared.some((d) => isRecord(d) && d.name === name)) subcharts.set(name, dir);
  const valuesFiles = listDir(root)
    .filter((e) => e.isFile() && VALUES_FILE.test(e.name))
    .map((e) => path.join(root, e.name))
    .sort((a, b) => (path.basename(a).startsWith('values.') ? -1 : path.basename(b).startsWith('values.') ? 1 : a.localeCompare(b)));
  const templates: string[] = [];
  walkTemplates(path.join(root, 'templates'), templates);
  templates.sort();
  const info: ChartInfo = {
    root,
    name: typeof m.name === 'string' ? m.name : undefined,
    type: typeof m.type === 'string' ? m.type : undefined,
    dependencies,
    subcharts,
    valuesFiles,
    templates,
  };
  chartCache.set(root, { stamp, chartText, info });
  return info;
}

/** The value keys a template may read without a values file defining them. */
export function dependencyKeys(chart: ChartInfo): Set<string> {
  const keys = new Set<string>(['global']);
  for (const d of chart.dependencies) keys.add(d.alias ?? d.name);
  for (const k of chart.subcharts.keys()) keys.add(k);
  return keys;
}

/** Parsed values of one file (plain data), cached by text. */
export function valuesOf(file: string, override?: { path: string; text: string }): unknown {
  const text = override && override.path === file ? override.text : readCached(file);
  if (text === undefined) return undefined;
  return derivedFrom(`values:${file}`, text, yamlData);
}

/** Deep merge as Helm coalesces values: `over` wins, maps merge, `null` deletes. */
export function mergeValues(base: unknown, over: unknown): unknown {
  if (!isRecord(base) || !isRecord(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = k in base ? mergeValues(base[k], v) : v;
  return out;
}

/**
 * Every value a template of the chart may see by default: all values files of the chart merged,
 * and each vendored subchart's own values under its key.
 */
export function chartValues(chart: ChartInfo, override?: { path: string; text: string }): Record<string, unknown> {
  let merged: unknown = {};
  for (const f of chart.valuesFiles) merged = mergeValues(merged, valuesOf(f, override) ?? {});
  const out: Record<string, unknown> = isRecord(merged) ? { ...merged } : {};
  for (const [key, dir] of chart.subcharts) {
    const sub = valuesOf(path.join(dir, 'values.yaml'));
    out[key] = mergeValues(isRecord(sub) ? sub : {}, out[key]);
  }
  return out;
}

/** Where a path leads in plain values data. */
export type PathStatus = { readonly state: 'defined' } | { readonly state: 'missing'; readonly at: number } | { readonly state: 'unknown' };

/** Follows a values path; `missing` only when a non-empty mapping lacks the next key. */
export function resolvePath(values: unknown, p: readonly string[]): PathStatus {
  let cur = values;
  for (let i = 0; i < p.length; i++) {
    if (!isRecord(cur)) return cur === undefined ? { state: 'missing', at: i - 1 } : { state: 'unknown' };
    if (Object.keys(cur).length === 0) return { state: 'unknown' };
    if (!(p[i]! in cur)) return { state: 'missing', at: i };
    cur = cur[p[i]!];
    if (cur === null) return { state: 'unknown' };
  }
  return { state: 'defined' };
}

/** One template file's parse and reads, cached by text and by how named templates are called. */
export interface AnalyzedTemplate {
  readonly file: string;
  readonly parsed: ParsedTemplate;
  readonly reads: TemplateReads;
}

const analysisCache = new Map<string, { text: string; rootDefines: string; result: AnalyzedTemplate }>();

function analyzeFile(file: string, text: string, rootDefines: ReadonlySet<string>, key: string): AnalyzedTemplate {
  const hit = analysisCache.get(file);
  if (hit && hit.text === text && hit.rootDefines === key) return hit.result;
  const parsed = hit && hit.text === text ? hit.result.parsed : parseTemplate(text);
  const reads = analyzeTemplate(parsed, (name): Binding => (rootDefines.has(name) ? { type: 'root' } : { type: 'unknown' }));
  const result = { file, parsed, reads };
  analysisCache.set(file, { text, rootDefines: key, result });
  return result;
}

/** The last full analysis of each chart: file texts and the named templates called with the root. */
const chartRuns = new Map<string, { texts: Map<string, string>; rootDefines: Set<string> }>();

/** Template files whose named templates this chart can call: its own and its library subcharts'. */
function templateFilesFor(chart: ChartInfo): string[] {
  const files = [...chart.templates];
  for (const dir of chart.subcharts.values()) {
    const sub = loadChart(dir);
    if (sub.type === 'library') files.push(...sub.templates);
  }
  return files;
}

/** The analysis of every template of a chart (the open file's text replaces its disk text). */
export function analyzeChart(chart: ChartInfo, override?: { path: string; text: string }): AnalyzedTemplate[] {
  const files = templateFilesFor(chart);
  if (override && !files.includes(override.path) && path.dirname(override.path).startsWith(path.join(chart.root, 'templates'))) {
    files.push(override.path);
  }
  const texts = new Map<string, string>();
  for (const f of files) {
    const t = override?.path === f ? override.text : readCached(f);
    if (t !== undefined) texts.set(f, t);
  }
  const prev = chartRuns.get(chart.root);
  if (prev && prev.texts.size === texts.size) {
    let changed = 0;
    for (const [f, t] of texts) if (prev.texts.get(f) !== t) changed += f === override?.path ? 1 : 2;
    // Only the open file changed: reuse how named templates are called (edits rarely change it).
    if (changed <= 1) {
      const key = [...prev.rootDefines].sort().join('\u0000');
      return [...texts].map(([f, t]) => analyzeFile(f, t, prev.rootDefines, key));
    }
  }
  // Named templates called with the root context see `.` as the root; iterate to a fixpoint
  // because helpers call helpers.
  let rootDefines = new Set<string>();
  let results: AnalyzedTemplate[] = [];
  for (let pass = 0; pass < 4; pass++) {
    const key = [...rootDefines].sort().join('\u0000');
    results = [...texts].map(([f, t]) => analyzeFile(f, t, rootDefines, key));
    const next = new Set(rootDefines);
    for (const r of results) for (const inv of r.reads.invocations) if (inv.arg.type === 'root') next.add(inv.name);
    if (next.size === rootDefines.size) break;
    rootDefines = next;
  }
  chartRuns.set(chart.root, { texts, rootDefines });
  return results;
}
