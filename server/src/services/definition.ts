/**
 * Helm values navigation, as plain data: go-to-definition from a `.Values.x.y` read in a template
 * to the key in the chart's values files, and find-references from a values key (or a read) to
 * every template read of it. Never sees the LSP connection.
 */
import * as path from 'node:path';
import { analyzeChart, loadChart, readCached, type ChartInfo } from '../helm/chart';
import type { ValueRead } from '../helm/reads';
import { rootMap, valuesKeys, type ValuesKey } from '../helm/yamlnav';
import { LineIndex } from '../engine/text';
import type { DocumentKind, Position, Range } from '../engine/types';
import { parseYaml } from '../parse/yaml';

/** A place in a file. */
export interface FileLocation {
  readonly file: string;
  readonly range: Range;
}

/** The document the request is about. */
export interface NavigationDocument {
  readonly path: string;
  readonly text: string;
  readonly kind: DocumentKind;
  readonly chartRoot: string | undefined;
}

/** Reads other files (the open buffer's text when there is one); defaults to the disk. */
export type ReadText = (file: string) => string | undefined;

const IDENT = /\.([A-Za-z_][A-Za-z0-9_]*)/g;

/** Each field name visible in a read's text, with its offsets, matched to its index in `read.path`. */
function visibleSegments(text: string, read: ValueRead): { index: number; start: number; end: number }[] {
  const chain = text.slice(read.span.start, read.span.end);
  const fields = [...chain.matchAll(IDENT)].map((m) => ({
    start: read.span.start + m.index + 1,
    end: read.span.start + m.index + m[0].length,
  }));
  const tail = fields.slice(-Math.min(fields.length, read.path.length));
  return tail.map((f, i) => ({ index: read.path.length - tail.length + i, ...f }));
}

function templateAnalysis(chart: ChartInfo, doc: NavigationDocument) {
  return analyzeChart(chart, doc.kind === 'helm-template' ? { path: doc.path, text: doc.text } : undefined);
}

/** The values path under the cursor in a template: the read's path up to the field under it. */
export function valuesPathAt(doc: NavigationDocument, pos: Position): readonly string[] | undefined {
  if (doc.kind !== 'helm-template' || !doc.chartRoot) return undefined;
  const lines = new LineIndex(doc.text);
  const offset = lines.offsetAt(pos);
  const analyzed = templateAnalysis(loadChart(doc.chartRoot), doc).find((a) => a.file === doc.path);
  const read = analyzed?.reads.reads.find((r) => r.span.start <= offset && offset <= r.span.end && r.path.length > 0);
  if (!read) return undefined;
  const seg = visibleSegments(doc.text, read).find((s) => s.start <= offset && offset <= s.end);
  return seg ? read.path.slice(0, seg.index + 1) : read.path;
}

function keysOf(file: string, read: ReadText): { keys: ValuesKey[] } | undefined {
  const text = read(file);
  if (text === undefined) return undefined;
  const doc = parseYaml(text, 'helm-values');
  const map = rootMap(doc);
  return map ? { keys: valuesKeys(doc.lines, map) } : undefined;
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Where a values path is defined: the key in each values file of the chart (and of a vendored subchart). */
export function valuesDefinitions(chartRoot: string, valuesPath: readonly string[], read: ReadText = readCached): FileLocation[] {
  const chart = loadChart(chartRoot);
  const out: FileLocation[] = [];
  const search = (files: readonly string[], p: readonly string[]) => {
    for (const file of files) {
      const hit = keysOf(file, read)?.keys.find((k) => same(k.path, p));
      if (hit) out.push({ file, range: hit.keyRange });
    }
  };
  search(chart.valuesFiles, valuesPath);
  const sub = chart.subcharts.get(valuesPath[0] ?? '');
  if (sub && valuesPath.length > 1) search([path.join(sub, 'values.yaml')], valuesPath.slice(1));
  return out;
}

/** The values key under the cursor in a values file. */
export function valuesKeyAt(doc: NavigationDocument, pos: Position): readonly string[] | undefined {
  if (doc.kind !== 'helm-values') return undefined;
  const keys = keysOf(doc.path, (f) => (f === doc.path ? doc.text : undefined))?.keys ?? [];
  const inside = (r: Range) =>
    r.start.line === pos.line && r.start.character <= pos.character && pos.character <= r.end.character && r.end.line === pos.line;
  return keys.find((k) => inside(k.keyRange))?.path;
}

/** Go-to-definition from a template read to the values key(s). */
export function definitionAt(doc: NavigationDocument, pos: Position, read: ReadText = readCached): FileLocation[] {
  const p = valuesPathAt(doc, pos);
  return p && doc.chartRoot ? valuesDefinitions(doc.chartRoot, p, read) : [];
}

/**
 * Every template read of a values path (reads of keys below it included), each at the field that
 * names the key; with `includeDeclaration`, the key in the values files as well.
 */
export function referencesAt(
  doc: NavigationDocument,
  pos: Position,
  includeDeclaration: boolean,
  read: ReadText = readCached,
): FileLocation[] {
  if (!doc.chartRoot) return [];
  const key = doc.kind === 'helm-values' ? valuesKeyAt(doc, pos) : valuesPathAt(doc, pos);
  if (!key) return [];
  const chart = loadChart(doc.chartRoot);
  const out: FileLocation[] = includeDeclaration ? valuesDefinitions(doc.chartRoot, key, read) : [];
  for (const a of templateAnalysis(chart, doc)) {
    const text = a.file === doc.path ? doc.text : read(a.file);
    if (text === undefined) continue;
    const lines = new LineIndex(text);
    for (const r of a.reads.reads) {
      if (r.path.length < key.length || !key.every((k, i) => r.path[i] === k)) continue;
      // Only where the key's own name is written: `.port` inside `with .Values.svc` reads svc.port, not svc again.
      const seg = visibleSegments(text, r).find((s) => s.index === key.length - 1);
      if (seg) out.push({ file: a.file, range: lines.range(seg.start, seg.end) });
    }
  }
  return out;
}
