/** Test helpers: lint strings as if they were files, apply fixes, compare ranges. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isMap, isNode, isPair, isScalar, isSeq } from 'yaml';
import { EffectiveConfig, parseConfigText } from '../../server/src/engine/config';
import { applyEdits, lint, computeFix } from '../../server/src/engine/engine';
import type { Rule } from '../../server/src/engine/rule';
import type { Range, ResolvedFinding } from '../../server/src/engine/types';
import { pathToFileUri } from '../../server/src/engine/uri';
import { WorkspaceIndex } from '../../server/src/engine/workspace';
import { DiskProbe, summarize } from '../../server/src/engine/project';
import { RULES } from '../../server/src/rules';
import { catalogue } from '../../server/src/rules/catalogue';
import { DEFAULT_KUBERNETES_VERSION } from '../../server/src/settings';
import { engineReady } from './ready';

/** Options for {@link lintString}. */
export interface LintOptions {
  /** File name (or path relative to a temp dir) deciding the classification; default by content. */
  filename?: string;
  /** `.shipshape.yaml` content applied as configuration. */
  config?: string;
  /** Other files of the workspace (relative path → content), written to the temp dir and indexed. */
  files?: Record<string, string>;
  /** Only these rules (default: all). */
  rules?: readonly Rule[];
  kubernetesVersion?: string;
}

/** A throwaway workspace folder with files in it; returns its path. */
export function tempWorkspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-test-'));
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
  return dir;
}

function environment(text: string, opts: LintOptions) {
  const filename = opts.filename ?? (/^\s*(FROM|ARG)\b/im.test(text) && !/^apiVersion:/m.test(text) ? 'Dockerfile' : 'manifest.yaml');
  const dir = tempWorkspace({ ...(opts.files ?? {}), [filename]: text });
  const file = path.join(dir, filename);
  const uri = pathToFileUri(file);
  const probe = new DiskProbe();
  const index = new WorkspaceIndex((p) => probe.exists(p));
  for (const rel of Object.keys(opts.files ?? {})) {
    const p = path.join(dir, rel);
    index.set(summarize(pathToFileUri(p), fs.readFileSync(p, 'utf8'), undefined, probe));
  }
  index.set(summarize(uri, text, undefined, probe));
  const layers = opts.config ? [parseConfigText(opts.config, catalogue()).layer] : [];
  const config = new EffectiveConfig(
    { rules: {}, kubernetesVersion: opts.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION, maxFileSize: 5 * 1024 * 1024 },
    layers,
  );
  return { uri, dir, env: { rules: opts.rules ?? RULES, config, workspace: index, probe, ready: engineReady() } };
}

/** Lints `text` as a file and returns the findings (optionally only one rule's). */
export function lintString(text: string, opts: LintOptions & { only?: string } = {}): ResolvedFinding[] {
  const { uri, env } = environment(text, opts);
  const res = lint({ uri, text }, env);
  return opts.only ? res.findings.filter((f) => f.ruleId === opts.only) : res.findings;
}

/** Applies the fix of the first finding of `ruleId` and returns the new text (throws if none). */
export function applyFirstFix(text: string, ruleId: string, opts: LintOptions = {}): string {
  const { uri, env } = environment(text, opts);
  const finding = lint({ uri, text }, env).findings.find((f) => f.ruleId === ruleId);
  if (!finding) throw new Error(`no ${ruleId} finding to fix`);
  const rule = env.rules.find((r) => r.id === ruleId)!;
  const fix = computeFix(rule, { uri, text }, finding, env);
  if (!fix) throw new Error(`${ruleId} offered no fix`);
  return applyEdits(text, fix.edits);
}

/** A compact range literal for assertions: `[startLine, startChar, endLine, endChar]`. */
export function r(range: Range): [number, number, number, number] {
  return [range.start.line, range.start.character, range.end.line, range.end.character];
}

/** `{ ruleId, range }` tuples, the usual shape of an assertion. */
export function summary(findings: readonly ResolvedFinding[]): { ruleId: string; range: [number, number, number, number] }[] {
  return findings.map((f) => ({ ruleId: f.ruleId, range: r(f.range) }));
}

/** The public corpus beside the project, when present. */
export const CORPUS = path.resolve(__dirname, '../../../../shared/corpus');

/** The files under `dir` that `keep` accepts (by name and path), in name order; at most `limit`. */
export function filesUnder(dir: string, keep: (name: string, file: string) => boolean, limit = Infinity): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (out.length >= limit) return;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (keep(e.name, p)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** The Dockerfiles (`Dockerfile`, `x.Dockerfile`, `Containerfile`, …) under `dir`, in name order; at most `limit`. */
export function dockerfilesUnder(dir: string, limit = Infinity): string[] {
  return filesUnder(dir, (name) => /(^|\.)(Docker|Container)file(\..+)?$/i.test(name) && !name.endsWith('.dockerignore'), limit);
}

/** One seeded edit at a random offset: three times in ten a deletion of 1–3 characters, else an insertion of one of `fragments`. */
export function seededEdit(text: string, random: () => number, fragments: readonly string[]): string {
  const at = Math.floor(random() * (text.length + 1));
  if (random() < 0.3) return text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 3));
  return text.slice(0, at) + fragments[Math.floor(random() * fragments.length)]! + text.slice(at);
}

/** Every node of a document in order, with every property a parse sets, as plain data. */
export function describeNodes(root: unknown): unknown[] {
  const out: unknown[] = [];
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (isPair(node)) {
      out.push('pair');
      stack.push(node.value, node.key);
    } else if (isNode(node)) {
      const kind = isMap(node) ? 'map' : isSeq(node) ? 'seq' : isScalar(node) ? 'scalar' : 'alias';
      const value = isScalar(node) ? node.value : undefined;
      out.push({
        kind,
        range: node.range,
        value: typeof value === 'number' && Number.isNaN(value) ? 'NaN' : value,
        valueType: typeof value,
        ...(isScalar(node) ? { type: node.type, source: node.source, format: node.format } : { flow: (node as { flow?: boolean }).flow }),
        tag: node.tag,
        anchor: node.anchor,
        comment: node.comment,
        commentBefore: node.commentBefore,
        spaceBefore: node.spaceBefore,
      });
      if (isMap(node) || isSeq(node)) for (const item of [...node.items].reverse()) stack.push(item);
    } else out.push(node ?? null);
  }
  return out;
}
