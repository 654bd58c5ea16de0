/**
 * The Helm render service: runs `helm template` and `helm lint` on a chart in the background,
 * lints the rendered manifests with every manifest rule, and maps each finding back to the
 * template line that produced it and, where a value came from a values file, to that key.
 * It lives outside the synchronous rule engine: rules answer as you type, renders follow.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ResolvedFinding } from '../engine/types';
import { searchPath, usableProgram } from '../engine/tools';
import { LineIndex } from '../engine/text';
import { parseYaml } from '../parse/yaml';
import { analyzeChart, loadChart, readCached } from './chart';
import { HELM_LINT, HELM_RENDER_ERROR } from './ids';
import { nodeAtPointer } from './yamlnav';
import { scanActions } from './template';

/**
 * Finds `helm`: the configured path if it is an executable file (absolute, outside the workspace),
 * else the first on the absolute `PATH` folders outside the workspace.
 */
export function findHelm(configured: string | undefined, envPath = process.env.PATH ?? ''): string | undefined {
  if (configured) return usableProgram(configured) ? configured : undefined;
  return searchPath(process.platform === 'win32' ? ['helm.exe'] : ['helm'], envPath);
}

/** What a `helm` run printed. */
export interface HelmOutput {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs helm; rejects with an AbortError when `signal` fires (the process is killed). */
export function runHelm(helm: string, args: readonly string[], signal: AbortSignal, cwd?: string): Promise<HelmOutput> {
  return new Promise((resolve, reject) => {
    execFile(
      helm,
      [...args],
      { signal, cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, HELM_NO_PLUGINS: '1' } },
      (err, stdout, stderr) => {
        if (err && (err as { name?: string }).name === 'AbortError') return reject(err);
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code as number) : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

/** One rendered document and the template it came from (`# Source:`). */
export interface RenderedDoc {
  /** Path relative to the chart root (`templates/deployment.yaml`, `charts/db/templates/x.yaml`). */
  readonly source: string | undefined;
  readonly text: string;
}

/** Splits `helm template` output into documents, each with its `# Source:`. */
export function splitRendered(output: string): RenderedDoc[] {
  const docs: RenderedDoc[] = [];
  for (const chunk of output.split(/^---[ \t]*$/m)) {
    if (!chunk.trim()) continue;
    const m = /^# Source: (.+)$/m.exec(chunk);
    const text = chunk.replace(/^\r?\n/, '');
    // `chart/templates/x.yaml` → `templates/x.yaml` (the first segment is the chart name).
    const source = m ? m[1]!.trim().split('/').slice(1).join('/') : undefined;
    docs.push({ source, text });
  }
  return docs;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A matcher per template line: its literal text with actions as wildcards (undefined: no literal text). */
function lineMatchers(template: string): (RegExp | undefined)[] {
  const idx = new LineIndex(template);
  const { actions } = scanActions(template);
  const out: (RegExp | undefined)[] = [];
  let a = 0;
  for (let line = 0; line < idx.lineCount; line++) {
    const start = idx.lineStart(line);
    const end = idx.lineEnd(line);
    let re = '';
    let literal = '';
    let pos = start;
    while (a < actions.length && actions[a]!.span.end <= start) a++;
    for (let k = a; k < actions.length && actions[k]!.span.start < end; k++) {
      const s = Math.max(actions[k]!.span.start, start);
      const piece = template.slice(pos, s);
      re += escapeRe(piece) + '.*?';
      literal += piece;
      pos = Math.min(actions[k]!.span.end, end);
    }
    const tail = template.slice(Math.max(pos, start), end);
    re += escapeRe(tail);
    literal += tail;
    const stripped = literal.trim();
    out.push(stripped && stripped !== '-' && stripped !== '---' ? new RegExp(`^\\s*${re.trim()}\\s*$`) : undefined);
  }
  return out;
}

/**
 * Maps each line of a rendered document to the template line that produced it, matching
 * literal text in order; lines produced only by actions (includes, toYaml) stay unmapped.
 */
export function mapLines(template: string, rendered: string, docIndex: number): { map: (number | undefined)[]; first: number } {
  const matchers = lineMatchers(template);
  const tLines = new LineIndex(template);
  // The template line where the docIndex-th document of this template starts.
  let first = 0;
  let seen = 0;
  for (let l = 0; l < tLines.lineCount && seen < docIndex; l++) {
    if (/^---\s*$/.test(tLines.lineText(l))) {
      seen++;
      first = l + 1;
    }
  }
  while (first < matchers.length - 1 && !matchers[first]) first++;
  const rLines = new LineIndex(rendered);
  const map: (number | undefined)[] = [];
  let ptr = first;
  for (let i = 0; i < rLines.lineCount; i++) {
    const text = rLines.lineText(i);
    if (!text.trim() || text.startsWith('# Source:')) {
      map.push(undefined);
      continue;
    }
    let hit: number | undefined;
    for (let j = ptr; j < matchers.length && j < ptr + 400; j++) {
      if (matchers[j]?.test(text)) {
        hit = j;
        break;
      }
    }
    if (hit !== undefined) ptr = hit + 1;
    map.push(hit);
  }
  return { map, first };
}

/** A finding placed in a chart file. */
export interface PlacedFinding {
  readonly file: string;
  readonly finding: ResolvedFinding;
}

/** Lints one rendered document as a manifest; the callback decides rules and configuration. */
export type ManifestLinter = (templateFile: string, renderedText: string) => ResolvedFinding[];

/**
 * Maps the findings on rendered output back into the chart: to the template line that produced
 * the offending line (or the object's first template line), and to the values key whose value
 * appears in the offending text.
 */
export function placeRenderedFindings(
  chartRoot: string,
  docs: readonly RenderedDoc[],
  lintDoc: ManifestLinter,
  valuesFiles: readonly string[],
): PlacedFinding[] {
  const out: PlacedFinding[] = [];
  const perSource = new Map<string, number>();
  const chart = loadChart(chartRoot);
  const analyzed = new Map(analyzeChart(chart).map((a) => [a.file, a] as const));
  const values = valuesFiles
    .map((f) => ({ file: f, text: readCached(f) }))
    .filter((v): v is { file: string; text: string } => v.text !== undefined);
  for (const doc of docs) {
    if (!doc.source) continue;
    const file = path.join(chartRoot, ...doc.source.split('/'));
    const docIndex = perSource.get(doc.source) ?? 0;
    perSource.set(doc.source, docIndex + 1);
    const template = readCached(file);
    if (template === undefined) continue;
    const findings = lintDoc(file, doc.text);
    if (!findings.length) continue;
    const { map, first } = mapLines(template, doc.text, docIndex);
    const tIdx = new LineIndex(template);
    const rIdx = new LineIndex(doc.text);
    for (const f of findings) {
      const line = map[f.range.start.line] ?? first;
      const exact = map[f.range.start.line] !== undefined;
      const content = tIdx.lineText(line);
      const indent = content.length - content.trimStart().length;
      const range = { start: { line, character: indent }, end: { line, character: content.trimEnd().length } };
      const suffix = exact ? '' : ' (in the object this template renders)';
      out.push({ file, finding: { ...f, message: `${f.message} [rendered]${suffix}`, range, fixable: false, data: undefined } });
      if (!exact) continue;
      const offending = doc.text.slice(rIdx.offsetAt(f.range.start), rIdx.offsetAt(f.range.end));
      for (const place of valuesPlaces(analyzed.get(file)?.reads.reads ?? [], tIdx, line, values, offending)) {
        out.push({
          file: place.file,
          finding: {
            ...f,
            message: `${f.message} [rendered from ${path.relative(chartRoot, file)}:${line + 1}]`,
            range: place.range,
            fixable: false,
            data: undefined,
          },
        });
      }
    }
  }
  return out;
}

function valuesPlaces(
  reads: readonly { path: readonly string[]; span: { start: number }; mode: string }[],
  tIdx: LineIndex,
  line: number,
  values: readonly { file: string; text: string }[],
  offending: string,
): { file: string; range: ResolvedFinding['range'] }[] {
  const found: { file: string; range: ResolvedFinding['range']; suffix: boolean }[] = [];
  for (const r of reads) {
    if (r.mode === 'loose' || r.path.length === 0 || tIdx.positionAt(r.span.start).line !== line) continue;
    for (const v of values) {
      const doc = parseYaml(v.text, 'helm-values');
      const root = doc.docs[0]?.contents;
      const { node } = nodeAtPointer(root, '/' + r.path.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/'));
      const scalar = node && 'value' in node ? (node as { value: unknown }).value : undefined;
      if (scalar === undefined || scalar === null || typeof scalar === 'object') continue;
      const s = String(scalar);
      if (!s || !offending.includes(s)) continue;
      const rr = (node as { range?: [number, number, number] }).range;
      if (!rr) continue;
      found.push({ file: v.file, range: doc.lines.range(rr[0], rr[1]), suffix: offending.trimEnd().replace(/["']$/, '').endsWith(s) });
    }
  }
  // The offending part is usually the end of the text (`:latest`); prefer keys whose value is there.
  const best = found.some((f) => f.suffix) ? found.filter((f) => f.suffix) : found;
  return best;
}

const LOCATION = String.raw`(?:template: )?([^\s:]+\/templates\/[^\s:]*):(\d+)(?::(\d+))?`;
const TEMPLATE_LOCATION = new RegExp(`${LOCATION}:?([^\n]*(?:\n[ \t]+[^\n]*)*)`, 'g');
const TEMPLATE_LOCATION_ONCE = new RegExp(LOCATION);

/** Turns `helm template`/`helm lint` error text into findings on chart files. */
export function parseHelmErrors(chartRoot: string, chartName: string, text: string, ruleId: string): PlacedFinding[] {
  const out: PlacedFinding[] = [];
  const seen = new Set<string>();
  const add = (rel: string, line: number, col: number, message: string, severity: ResolvedFinding['severity']) => {
    const file = path.join(chartRoot, ...rel.split('/'));
    const key = `${file}:${line}:${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    const content = readCached(file);
    const lineText = content !== undefined ? new LineIndex(content).lineText(line) : '';
    const start = Math.min(Math.max(0, col), lineText.length);
    const end = Math.max(start, lineText.trimEnd().length);
    out.push({
      file,
      finding: {
        ruleId,
        severity,
        fixable: false,
        message,
        range: {
          start: { line, character: col > 0 ? start : lineText.length - lineText.trimStart().length },
          end: { line, character: end },
        },
      },
    });
  };
  // Helm 3: `template: demo/templates/x.yaml:12:3: executing "…" at <…>: message`;
  // Helm 4: `demo/templates/x.yaml:12:3` then the message on indented lines.
  for (const m of text.matchAll(TEMPLATE_LOCATION)) {
    const rel = m[1]!.split('/').slice(1).join('/');
    const message = m[4]!.replace(/\s+/g, ' ').replace(/^:\s*/, '').trim() || 'The template fails to render here.';
    add(rel, Number(m[2]) - 1, m[3] ? Number(m[3]) - 1 : 0, message, 'error');
  }
  // helm lint: [ERROR] templates/x.yaml: message   /   [WARNING] Chart.yaml: message
  for (const m of text.matchAll(/^\[(ERROR|WARNING|INFO)\] ([^:\n]+): (.+)$/gm)) {
    if (TEMPLATE_LOCATION_ONCE.test(m[3]!)) continue;
    const rel = m[2]!.trim();
    const sev = m[1] === 'ERROR' ? 'error' : m[1] === 'WARNING' ? 'warning' : 'info';
    if (fs.existsSync(path.join(chartRoot, rel))) add(rel, 0, 0, m[3]!.trim(), sev);
  }
  if (!out.length && ruleId === HELM_RENDER_ERROR && text.trim()) {
    const first = text
      .trim()
      .split('\n')[0]!
      .replace(/^Error: /, '');
    add('Chart.yaml', 0, 0, `helm template failed: ${first}`, 'error');
  }
  void chartName;
  return out;
}

/** How the service learns its environment (settings, trust, the manifest rules). */
export interface RenderEnvironment {
  /** The helm binary, or undefined when none is usable. */
  helm(): string | undefined;
  /** Extra values files for a chart (absolute paths), applied after `values.yaml`. */
  valuesFiles(chartRoot: string): string[];
  /** Only a trusted workspace may run helm on its charts. */
  trusted(): boolean;
  lintDoc: ManifestLinter;
}

/** Runs renders per chart, cancelling superseded ones, and keeps the findings per file. */
export class HelmRenderService {
  private readonly running = new Map<string, AbortController>();
  private readonly byChart = new Map<string, Map<string, ResolvedFinding[]>>();
  private readonly rendered = new Map<string, string>();
  private readonly listeners: ((files: string[]) => void)[] = [];

  constructor(private readonly env: RenderEnvironment) {}

  /** Called with the files whose rendered findings changed. */
  onDidChange(listener: (files: string[]) => void): void {
    this.listeners.push(listener);
  }

  /** Rendered findings for one file (all charts). */
  findingsFor(file: string): ResolvedFinding[] {
    const out: ResolvedFinding[] = [];
    for (const m of this.byChart.values()) out.push(...(m.get(file) ?? []));
    return out;
  }

  /** Every finding of a chart's last render, with the file it is placed in. */
  placedIn(chartRoot: string): PlacedFinding[] {
    return [...(this.byChart.get(chartRoot) ?? [])].flatMap(([file, list]) => list.map((finding) => ({ file, finding })));
  }

  /** The last rendered output of a chart, for "Show rendered manifest". */
  renderedOutput(chartRoot: string): string | undefined {
    return this.rendered.get(chartRoot);
  }

  /**
   * Renders and lints a chart; a newer request for the same chart cancels this one. Resolves
   * to false when it was skipped or cancelled.
   */
  async render(chartRoot: string): Promise<boolean> {
    this.running.get(chartRoot)?.abort();
    const helm = this.env.helm();
    if (!helm || !this.env.trusted()) return false;
    const ctl = new AbortController();
    this.running.set(chartRoot, ctl);
    try {
      const valuesArgs: string[] = [];
      const valuesFiles = [path.join(chartRoot, 'values.yaml'), ...this.env.valuesFiles(chartRoot)];
      for (const f of this.env.valuesFiles(chartRoot)) valuesArgs.push('--values', f);
      const chartName = loadChart(chartRoot).name ?? path.basename(chartRoot);
      const [tpl, lint] = await Promise.all([
        runHelm(helm, ['template', 'shipshape', chartRoot, ...valuesArgs], ctl.signal),
        runHelm(helm, ['lint', chartRoot, ...valuesArgs], ctl.signal),
      ]);
      if (ctl.signal.aborted) return false;
      const placed: PlacedFinding[] = [];
      if (tpl.code === 0) {
        this.rendered.set(chartRoot, tpl.stdout);
        placed.push(...placeRenderedFindings(chartRoot, splitRendered(tpl.stdout), this.env.lintDoc, valuesFiles));
      } else {
        // "Show rendered manifest" must not show an older render as if it were current.
        this.rendered.delete(chartRoot);
        placed.push(...parseHelmErrors(chartRoot, chartName, tpl.stderr, HELM_RENDER_ERROR));
      }
      const lintFindings = parseHelmErrors(chartRoot, chartName, lint.stdout + '\n' + lint.stderr, HELM_LINT);
      // A render error is also a lint error; show it once.
      const at = new Set(
        placed.filter((p) => p.finding.ruleId === HELM_RENDER_ERROR).map((p) => `${p.file}:${p.finding.range.start.line}`),
      );
      placed.push(...lintFindings.filter((p) => !at.has(`${p.file}:${p.finding.range.start.line}`)));
      this.publish(chartRoot, placed);
      return true;
    } catch (e) {
      if ((e as { name?: string }).name === 'AbortError') return false;
      throw e;
    } finally {
      if (this.running.get(chartRoot) === ctl) this.running.delete(chartRoot);
    }
  }

  /** Cancels every running render (on shutdown or when trust is withdrawn). */
  cancelAll(): void {
    for (const c of this.running.values()) c.abort();
    this.running.clear();
  }

  private publish(chartRoot: string, placed: readonly PlacedFinding[]): void {
    const next = new Map<string, ResolvedFinding[]>();
    for (const p of placed) {
      let list = next.get(p.file);
      if (!list) next.set(p.file, (list = []));
      list.push(p.finding);
    }
    const prev = this.byChart.get(chartRoot);
    this.byChart.set(chartRoot, next);
    const changed = new Set([...(prev?.keys() ?? []), ...next.keys()]);
    for (const l of this.listeners) l([...changed]);
  }
}
