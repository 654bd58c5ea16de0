/**
 * Pod-level facts shared by the Kubernetes rules: containers with their paths, effective security
 * context values, labels and selectors, quantities, and the pod templates of the workspace index.
 */
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { wordsOf, type LineIndex } from '../engine/text';
import type { Range } from '../engine/types';
import type { IndexedFile, IndexedObject, WorkspaceView } from '../engine/workspace';
import { findPair, getIn, nodeRange, scalarString, unread, type ManifestObject, type YamlDocument } from '../parse/yaml';
import { containersOf, podSpecOf, WORKLOAD_KINDS, type ContainerRef } from './workloads';

/** A path from a document's root mapping to a node: map keys and sequence indices. */
export type NodePath = (string | number)[];

/** One container of a workload with everything a rule needs to report on it and to fix it. */
export interface ContainerSite extends ContainerRef {
  readonly obj: ManifestObject;
  readonly pod: YAMLMap;
  readonly podPath: readonly string[];
  /** Path from the root to the container mapping. */
  readonly path: NodePath;
  readonly name: string | undefined;
}

/** What a container fix needs to find its container again in the current text. */
export interface ContainerData {
  readonly doc: number;
  readonly path: NodePath;
}

const siteCache = new WeakMap<YamlDocument, ContainerSite[]>();
const objectSiteCache = new WeakMap<ManifestObject, readonly ContainerSite[]>();

/** Every container of every workload in a file (computed once per parsed document). */
export function containerSites(doc: YamlDocument): ContainerSite[] {
  const hit = siteCache.get(doc);
  if (hit) return hit;
  const out: ContainerSite[] = [];
  siteCache.set(doc, out);
  for (const obj of doc.objects) out.push(...objectSites(obj));
  return out;
}

/**
 * The containers of one object (once per parsed object: an edit of a long manifest keeps the objects
 * of the documents before the one it changed).
 */
export function objectSites(obj: ManifestObject): readonly ContainerSite[] {
  const hit = objectSiteCache.get(obj);
  if (hit) return hit;
  const out: ContainerSite[] = [];
  const spec = podSpecOf(obj);
  if (spec) {
    for (const c of containersOf(obj)) {
      out.push({
        ...c,
        obj,
        pod: spec.node,
        podPath: spec.path,
        path: [...spec.path, c.field, c.index],
        name: scalarString(findPair(c.node, 'name')?.value),
      });
    }
  }
  objectSiteCache.set(obj, out);
  return out;
}

/** Every workload (object with a pod spec) in a file. */
export function workloads(doc: YamlDocument): readonly Workload[] {
  const hit = workloadCache.get(doc);
  if (hit) return hit;
  const out: Workload[] = [];
  for (const obj of doc.objects) {
    const spec = podSpecOf(obj);
    if (spec) out.push({ obj, pod: spec.node, podPath: spec.path });
  }
  workloadCache.set(doc, out);
  return out;
}

/** A workload of a file: its object and its pod spec. */
export interface Workload {
  readonly obj: ManifestObject;
  readonly pod: YAMLMap;
  readonly podPath: readonly string[];
}

/** Workloads by parsed document (many rules ask for them on every lint). */
const workloadCache = new WeakMap<YamlDocument, readonly Workload[]>();

/** The container of `data` in the current text, if it is still there. */
export function containerAt(doc: YamlDocument, data: unknown): { obj: ManifestObject; node: YAMLMap; pod: YAMLMap } | undefined {
  const d = data as Partial<ContainerData> | undefined;
  if (!d || typeof d.doc !== 'number' || !Array.isArray(d.path)) return undefined;
  const obj = doc.objects.find((o) => o.docIndex === d.doc);
  if (!obj) return undefined;
  const node = getIn(obj.root, d.path);
  const spec = podSpecOf(obj);
  return isMap(node) && spec ? { obj, node, pod: spec.node } : undefined;
}

/** The JS value of a scalar at a path (undefined when absent or not a scalar). */
export function scalarAt(node: unknown, path: readonly (string | number)[]): unknown {
  const n = getIn(node, path);
  return isScalar(n) ? n.value : undefined;
}

/** A security-context field: the container's value wins over the pod's. */
export function effective(site: { node: YAMLMap; pod: YAMLMap }, field: string): { value: unknown; node: Node | undefined } {
  const c = getIn(site.node, ['securityContext', field]);
  if (c !== undefined) return { value: isScalar(c) ? c.value : c, node: c };
  const p = getIn(site.pod, ['securityContext', field]);
  if (p !== undefined) return { value: isScalar(p) ? p.value : p, node: p };
  return { value: undefined, node: undefined };
}

/** The range to report a container-level finding on: the `name` value, else the first key. */
export function containerAnchor(lines: LineIndex, node: YAMLMap): Range {
  const name = findPair(node, 'name');
  const r = nodeRange(lines, name?.value) ?? nodeRange(lines, node.items[0]?.key) ?? nodeRange(lines, node);
  return r ?? lines.range(0, 0);
}

/** The range of a key in a mapping, else of the mapping's anchor. */
export function keyOr(lines: LineIndex, map: unknown, key: string, fallback: Range): Range {
  const pair = findPair(map, key);
  return nodeRange(lines, pair?.key) ?? fallback;
}

/** A label selector in the shape of the API (`matchLabels` and `matchExpressions`). */
export interface LabelSelector {
  matchLabels?: Record<string, unknown>;
  matchExpressions?: { key?: unknown; operator?: unknown; values?: unknown }[];
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** Follows keys through plain data. */
export function dig(v: unknown, ...path: string[]): unknown {
  let cur = v;
  for (const k of path) {
    const r = asRecord(cur);
    if (!r) return undefined;
    cur = r[k];
  }
  return cur;
}

/** Whether labels satisfy a full label selector. An empty selector matches everything. */
export function selectorMatches(selector: unknown, labels: Record<string, unknown> | undefined): boolean {
  const sel = asRecord(selector) as LabelSelector | undefined;
  if (!sel) return true;
  const have = labels ?? {};
  for (const [k, v] of Object.entries(asRecord(sel.matchLabels) ?? {})) if (String(have[k]) !== String(v) || !(k in have)) return false;
  for (const e of Array.isArray(sel.matchExpressions) ? sel.matchExpressions : []) {
    const key = String(e.key);
    const values = Array.isArray(e.values) ? e.values.map(String) : [];
    const present = key in have;
    switch (e.operator) {
      case 'In':
        if (!present || !values.includes(String(have[key]))) return false;
        break;
      case 'NotIn':
        if (present && values.includes(String(have[key]))) return false;
        break;
      case 'Exists':
        if (!present) return false;
        break;
      case 'DoesNotExist':
        if (present) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** Whether a plain map selector (Service, `matchLabels` only) matches labels. Empty never matches. */
export function mapSelectorMatches(selector: Record<string, unknown>, labels: Record<string, unknown> | undefined): boolean {
  const keys = Object.keys(selector);
  if (!keys.length || !labels) return false;
  return keys.every((k) => k in labels && String(labels[k]) === String(selector[k]));
}

/** Path from a workload's root to its pod template metadata, per kind. */
const TEMPLATE_PATH: Readonly<Record<string, readonly string[]>> = {
  Pod: [],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** The labels a workload gives its pods (plain data). */
export function podLabels(kind: string | undefined, value: unknown): Record<string, unknown> | undefined {
  if (!kind || !WORKLOAD_KINDS.includes(kind)) return undefined;
  const base = TEMPLATE_PATH[kind] ?? ['spec', 'template'];
  return asRecord(dig(value, ...base, 'metadata', 'labels'));
}

/** The pod spec of a workload as plain data. */
export function podSpecValue(kind: string | undefined, value: unknown): Record<string, unknown> | undefined {
  if (!kind || !WORKLOAD_KINDS.includes(kind)) return undefined;
  const base = TEMPLATE_PATH[kind] ?? ['spec', 'template'];
  return asRecord(dig(value, ...base, 'spec'));
}

/** Whether two namespaces may be the same (an unset namespace is decided at deploy time). */
export function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

/** A pod template found in the workspace index. */
export interface IndexedPods {
  readonly obj: IndexedObject;
  readonly labels: Record<string, unknown> | undefined;
  readonly spec: Record<string, unknown> | undefined;
}

const podCache = new WeakMap<readonly IndexedObject[], IndexedPods[]>();
const objectPods = new WeakMap<IndexedObject, IndexedPods>();
const docCache = new WeakMap<YamlDocument, Map<string, IndexedObject[]>>();

/** What cross-object lookups need: the document being linted and the workspace index. */
export interface LookupContext {
  readonly uri: string;
  readonly doc: YamlDocument;
  readonly workspace: WorkspaceView;
}

function docObjects(ctx: LookupContext, kind: string): IndexedObject[] {
  let byKind = docCache.get(ctx.doc);
  if (!byKind) docCache.set(ctx.doc, (byKind = new Map()));
  let list = byKind.get(kind);
  if (!list) {
    list = ctx.doc.objects
      .filter((o) => o.kind === kind)
      .map((o) => ({
        uri: ctx.uri,
        apiVersion: o.apiVersion,
        kind: o.kind,
        name: o.name,
        namespace: o.namespace,
        value: o.value,
        range: o.range,
      }));
    byKind.set(kind, list);
  }
  return list;
}

/**
 * Objects of a kind in the workspace, with the linted document's current text taking the place of
 * its (possibly stale) index entry.
 */
export function objectsOfKind(ctx: LookupContext, kind: string): readonly IndexedObject[] {
  const indexed = ctx.workspace.objectsOfKind(kind);
  if (indexIsCurrent(ctx)) return indexed;
  const own = docObjects(ctx, kind);
  if (!indexed.length) return own;
  return [...indexed.filter((o) => o.uri !== ctx.uri), ...own];
}

const nameCache = new WeakMap<readonly IndexedObject[], Map<string, IndexedObject[]>>();
const NO_OBJECTS: readonly IndexedObject[] = [];

/**
 * The objects of `list` named `name`, in list order. The name map is built once per list, and the
 * index hands out the same list until it changes, so a lookup per reference is not a scan of the
 * workspace (which made reference checks quadratic in the number of objects).
 */
export function objectsNamed(list: readonly IndexedObject[], name: string): readonly IndexedObject[] {
  let byName = nameCache.get(list);
  if (!byName) {
    byName = new Map();
    for (const o of list) {
      if (o.name === undefined) continue;
      let same = byName.get(o.name);
      if (!same) byName.set(o.name, (same = []));
      same.push(o);
    }
    nameCache.set(list, byName);
  }
  return byName.get(name) ?? NO_OBJECTS;
}

/** Deep equality of plain data; values that cannot be serialised (alias cycles) never count as equal. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}

const currentCache = new WeakMap<YamlDocument, { version: number; current: boolean }>();

/**
 * Whether the index entry of the linted document describes the same objects as its current text
 * (the server and the CLI index a document before linting it). Then index lists can be used as
 * they are, without copying them to swap in the document's own objects.
 */
export function indexIsCurrent(ctx: LookupContext): boolean {
  const version = ctx.workspace.version ?? -1;
  const hit = currentCache.get(ctx.doc);
  if (hit && hit.version === version && version !== -1) return hit.current;
  const entry = ctx.workspace.file(ctx.uri);
  const objs = ctx.doc.objects;
  const current =
    !!entry &&
    entry.objects.length === objs.length &&
    entry.objects.every((o, i) => {
      const d = objs[i]!;
      return (
        o.kind === d.kind &&
        o.name === d.name &&
        o.namespace === d.namespace &&
        o.apiVersion === d.apiVersion &&
        o.range.start.line === d.range.start.line &&
        o.range.end.line === d.range.end.line &&
        sameValue(o.value, d.value)
      );
    });
  currentCache.set(ctx.doc, { version, current });
  return current;
}

function toPods(kind: string, objs: readonly IndexedObject[]): IndexedPods[] {
  let list = podCache.get(objs);
  if (!list) {
    list = objs.map((obj) => {
      // Per object as well: after an edit, a kind's list is new but only one file's objects are.
      let pods = objectPods.get(obj);
      if (!pods) objectPods.set(obj, (pods = { obj, labels: podLabels(kind, obj.value), spec: podSpecValue(kind, obj.value) }));
      return pods;
    });
    podCache.set(objs, list);
  }
  return list;
}

/** The pod templates of the indexed files, with a label index; rebuilt when the index changes. */
interface PodIndex {
  readonly version: number;
  /** The workload lists it was built from (`objectsOfKind` keeps a list until its kind changes). */
  readonly lists: readonly (readonly IndexedObject[])[];
  readonly pods: readonly IndexedPods[];
  /** `key=value` → the pods whose labels hold that pair. */
  readonly byLabel: ReadonlyMap<string, readonly IndexedPods[]>;
}

const podIndexCache = new WeakMap<WorkspaceView, PodIndex>();

function podIndex(ws: WorkspaceView): PodIndex {
  const version = ws.version ?? -1;
  const hit = podIndexCache.get(ws);
  if (hit && hit.version === version && version !== -1) return hit;
  // An edit that changes no workload (a Service, a ConfigMap…) keeps the index.
  const lists = WORKLOAD_KINDS.map((kind) => ws.objectsOfKind(kind));
  if (hit && version !== -1 && lists.every((l, i) => l === hit.lists[i] || (!l.length && !hit.lists[i]!.length))) {
    const kept = { ...hit, version };
    podIndexCache.set(ws, kept);
    return kept;
  }
  const pods: IndexedPods[] = [];
  const byLabel = new Map<string, IndexedPods[]>();
  for (const [i, kind] of WORKLOAD_KINDS.entries()) {
    for (const p of toPods(kind, lists[i]!)) {
      pods.push(p);
      for (const [k, v] of Object.entries(p.labels ?? {})) {
        const key = `${k}=${String(v)}`;
        let list = byLabel.get(key);
        if (!list) byLabel.set(key, (list = []));
        list.push(p);
      }
    }
  }
  const idx = { version, lists, pods, byLabel };
  podIndexCache.set(ws, idx);
  return idx;
}

function ownPods(ctx: LookupContext): IndexedPods[] {
  const out: IndexedPods[] = [];
  for (const kind of WORKLOAD_KINDS) out.push(...toPods(kind, docObjects(ctx, kind)));
  return out;
}

/** Every pod template of the workspace and the linted document (its current text, not its index entry). */
export function workspacePods(ctx: LookupContext): IndexedPods[] {
  const idx = podIndex(ctx.workspace);
  if (indexIsCurrent(ctx)) return idx.pods as IndexedPods[];
  const own = ownPods(ctx);
  if (!ctx.workspace.file(ctx.uri)?.objects.length) return own.length ? [...idx.pods, ...own] : [...idx.pods];
  return [...idx.pods.filter((p) => p.obj.uri !== ctx.uri), ...own];
}

/**
 * Whether an object the index could not read could be the one a cross-file rule is looking for: a
 * manifest of the workspace (the linted one included) whose YAML has errors, and whose text holds
 * every one of `words` (the name, or the labels, looked for). Cross-file rules stay silent then.
 */
export function mayBeUnread(ctx: LookupContext, words: readonly string[]): boolean {
  const all = (has: (w: string) => boolean) => words.every((w) => has(w));
  if (unread(ctx.doc) && all((w) => textHas(ctx.doc, w))) return true;
  for (const f of unreadManifests(ctx.workspace.filesOfKind('manifest'))) {
    const seen = f.unreadWords!;
    if (f.uri !== ctx.uri && all((w) => seen.has(w))) return true;
  }
  return false;
}

/**
 * Whether a document's text holds `word` anywhere. Answers are kept per document: every object of a
 * long manifest with a YAML error asks about its names and labels, and each search reads the whole text.
 */
function textHas(doc: YamlDocument, word: string): boolean {
  let seen = textSearches.get(doc);
  if (!seen) textSearches.set(doc, (seen = { words: wordsOf(doc.text), found: new Map() }));
  // A whole word of the text is in it; anything else is searched for (it may be part of a word).
  if (seen.words.has(word)) return true;
  let has = seen.found.get(word);
  if (has === undefined) seen.found.set(word, (has = doc.text.includes(word)));
  return has;
}

const textSearches = new WeakMap<YamlDocument, { readonly words: ReadonlySet<string>; readonly found: Map<string, boolean> }>();

const unreadCache = new WeakMap<readonly IndexedFile[], readonly IndexedFile[]>();

/**
 * The manifests of `files` the index could not read completely, cached per list (`filesOfKind`
 * keeps a list until a manifest changes): a check asks once per reference, and scanning every
 * manifest each time made checking a project quadratic in its files.
 */
function unreadManifests(files: readonly IndexedFile[]): readonly IndexedFile[] {
  let list = unreadCache.get(files);
  if (!list) unreadCache.set(files, (list = files.filter((f) => f.unreadWords)));
  return list;
}

/** The literal words of a label selector (its `matchLabels`, or a map selector, and `matchExpressions` values). */
export function selectorWords(selector: unknown): string[] {
  const out: string[] = [];
  const add = (v: unknown) => {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out.push(String(v));
  };
  if (!selector || typeof selector !== 'object') return out;
  const s = selector as Record<string, unknown>;
  const labels = 'matchLabels' in s || 'matchExpressions' in s ? s.matchLabels : s;
  if (labels && typeof labels === 'object') {
    for (const [k, v] of Object.entries(labels)) {
      out.push(k);
      add(v);
    }
  }
  if (Array.isArray(s.matchExpressions))
    for (const e of s.matchExpressions as unknown[]) {
      const ex = e as Record<string, unknown> | null;
      add(ex?.key);
      if (Array.isArray(ex?.values)) for (const v of ex.values as unknown[]) add(v);
    }
  return out;
}

/** Whether any pod template exists besides those of the linted document, or in it. */
export function hasWorkloads(ctx: LookupContext): boolean {
  if (indexIsCurrent(ctx)) return podIndex(ctx.workspace).pods.length > 0;
  return ownPods(ctx).length > 0 || podIndex(ctx.workspace).pods.some((p) => p.obj.uri !== ctx.uri);
}

/**
 * The pod templates whose labels contain every pair of a map selector (Service style), found
 * through the label index so that checking every Service of a large workspace stays linear.
 */
export function podsMatchingMap(ctx: LookupContext, selector: Record<string, unknown>): IndexedPods[] {
  const entries = Object.entries(selector);
  if (!entries.length) return [];
  const idx = podIndex(ctx.workspace);
  let candidates: readonly IndexedPods[] | undefined;
  for (const [k, v] of entries) {
    const list = idx.byLabel.get(`${k}=${String(v)}`) ?? [];
    if (!candidates || list.length < candidates.length) candidates = list;
  }
  if (indexIsCurrent(ctx)) return (candidates ?? []).filter((p) => mapSelectorMatches(selector, p.labels));
  const out = (candidates ?? []).filter((p) => p.obj.uri !== ctx.uri && mapSelectorMatches(selector, p.labels));
  for (const p of ownPods(ctx)) if (mapSelectorMatches(selector, p.labels)) out.push(p);
  return out;
}

/** Container ports declared by a pod spec (plain data): names and numbers. */
export function declaredPorts(spec: Record<string, unknown> | undefined): { names: Set<string>; numbers: Set<number> } {
  const names = new Set<string>();
  const numbers = new Set<number>();
  for (const field of ['containers', 'initContainers']) {
    const list = spec?.[field];
    if (!Array.isArray(list)) continue;
    for (const c of list) {
      const ports = dig(c, 'ports');
      if (!Array.isArray(ports)) continue;
      for (const p of ports) {
        const name = dig(p, 'name');
        const num = dig(p, 'containerPort');
        if (typeof name === 'string') names.add(name);
        if (typeof num === 'number') numbers.add(num);
      }
    }
  }
  return { names, numbers };
}

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** A Kubernetes quantity (`100m`, `1.5Gi`, `2e3`) as a number; undefined when not a quantity. */
export function parseQuantity(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/.exec(v.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[2]) return n * 10 ** Number(m[2].slice(1));
  const suf = m[3] ?? '';
  return n * (BINARY[suf] ?? DECIMAL[suf] ?? 1);
}

/** Whether text looks templated (Helm, Go templates, envsubst); rules leave such values alone. */
export function templated(s: string): boolean {
  return s.includes('{{') || /\$\{[^}]*\}/.test(s);
}

/** The items of a sequence node at a path. */
export function seqAt(node: unknown, path: readonly (string | number)[]): Node[] {
  const n = getIn(node, path);
  return isSeq(n) ? (n.items as Node[]) : [];
}

/** Finds the first object of a file that matches a document index. */
export function objectAt(doc: YamlDocument, docIndex: unknown): ManifestObject | undefined {
  return typeof docIndex === 'number' ? doc.objects.find((o) => o.docIndex === docIndex) : undefined;
}
