/**
 * "Apply to cluster" with a review: every object of a manifest is first sent as a server-side
 * apply dry-run (`fieldManager=shipshape`), the results are compared with the live objects as two
 * YAML texts (for a diff editor), and only then applied for real. Refusals (validation, admission
 * webhooks, RBAC, conflicts) come back as {@link ManifestProblem}s placed on the manifest's text.
 */
import { isMap, isSeq, isPair, isScalar, parseAllDocuments, stringify as toYaml, type Document, type Node as YamlNode } from 'yaml';
import { collectionKey } from '../../../../server/src/parse/yaml';
import type { ApiClient, KubeObject } from '../api';
import { ApiError, toProblem } from '../errors';
import { resolveKind, patchObject, getObject, type ObjectRef } from './objects';

/** The field manager Shipshape applies as. */
export const FIELD_MANAGER = 'shipshape';

/** One object of the manifest, with where it is in the text. */
export interface ManifestObject {
  index: number;
  object: KubeObject;
  /** Offsets of the document in the text. */
  start: number;
  end: number;
  doc: Document.Parsed;
}

/** A problem to show on the manifest: offsets in the text, the message, and where it came from. */
export interface ManifestProblem {
  start: number;
  end: number;
  message: string;
  /** 'validation' (422), 'admission' (webhook), 'forbidden' (RBAC), 'conflict' (field managers), 'parse', 'other'. */
  source: 'validation' | 'admission' | 'forbidden' | 'conflict' | 'parse' | 'other';
}

/** The outcome of reviewing one object. */
export interface ReviewedObject {
  manifest: ManifestObject;
  ref: Omit<ObjectRef, 'context'>;
  /** The live object, or undefined when it does not exist yet. */
  live?: KubeObject;
  /** What the server says the object would become. */
  dryRun?: KubeObject;
  problem?: ManifestProblem;
}

/** The review of a whole manifest. */
export interface ApplyReview {
  objects: ReviewedObject[];
  problems: ManifestProblem[];
  /** Live objects as YAML (left side of the diff). */
  liveText: string;
  /** Dry-run results as YAML (right side of the diff). */
  dryRunText: string;
  /** Whether anything would change. */
  changed: boolean;
}

/** The objects of a manifest; YAML errors become problems. Documents without kind/name are skipped. */
export function parseManifest(text: string): { objects: ManifestObject[]; problems: ManifestProblem[] } {
  const objects: ManifestObject[] = [];
  const problems: ManifestProblem[] = [];
  let index = 0;
  for (const doc of parseAllDocuments(text)) {
    for (const e of doc.errors)
      problems.push({ start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1), message: e.message.split('\n')[0], source: 'parse' });
    if (doc.errors.length) continue;
    const badKey = collectionKey(doc.contents);
    if (badKey) {
      // Converting it would print the key as a string, which takes seconds for deeply nested flow collections.
      const r = badKey.range ?? [doc.range[0], doc.range[0] + 1];
      problems.push({
        start: r[0],
        end: r[1],
        message: 'A key is a mapping or a list; Kubernetes objects have plain keys.',
        source: 'parse',
      });
      continue;
    }
    const value = doc.toJS() as unknown;
    const start = doc.range[0];
    const end = doc.range[1];
    if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
    const o = value as KubeObject;
    if (typeof o.kind !== 'string' || typeof o.apiVersion !== 'string') continue;
    if (o.kind.endsWith('List') && Array.isArray((o as { items?: unknown }).items)) {
      problems.push({
        ...nodeRange(doc, ['kind'], start),
        message: 'Lists cannot be applied with a review; split the items into documents.',
        source: 'other',
      });
      continue;
    }
    if (typeof o.metadata?.name !== 'string') {
      problems.push({
        ...nodeRange(doc, ['metadata'], start),
        message: 'The object has no metadata.name (generateName cannot be applied).',
        source: 'validation',
      });
      continue;
    }
    objects.push({ index: index++, object: o, start, end, doc });
  }
  return { objects, problems };
}

/** `spec.template.spec.containers[0].image` → path segments. */
export function fieldPath(field: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of field.match(/[^.[\]]+|\[\d+\]|\[[^\]]+\]/g) ?? []) {
    if (/^\[\d+\]$/.test(part)) out.push(Number(part.slice(1, -1)));
    else if (part.startsWith('[')) out.push(part.slice(1, -1));
    else out.push(part);
  }
  return out;
}

/** The text range of the deepest existing node on `path`: the value when it exists, else the nearest key. */
export function nodeRange(doc: Document.Parsed, path: (string | number)[], fallback: number): { start: number; end: number } {
  let node: YamlNode | null | undefined = doc.contents;
  let best: { start: number; end: number } | undefined;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair || !isPair(pair)) break;
      const key = pair.key as YamlNode;
      if (key.range) best = { start: key.range[0], end: key.range[1] };
      node = pair.value as YamlNode | null;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as YamlNode | undefined;
      if (!item?.range) break;
      // An item is best named by its `name:` value.
      const nameRange = isMap(item)
        ? (item.items.find((p) => isScalar(p.key) && p.key.value === 'name')?.value as YamlNode | undefined)?.range
        : undefined;
      best = nameRange ? { start: nameRange[0], end: nameRange[1] } : { start: item.range[0], end: item.range[1] };
      node = item;
    } else break;
  }
  // A scalar at the full path is the exact place; otherwise the nearest key (or list item's name).
  const exact = path.length ? (doc.getIn(path, true) as YamlNode | undefined) : undefined;
  if (exact && isScalar(exact) && exact.range) return { start: exact.range[0], end: exact.range[1] };
  return best ?? { start: fallback, end: fallback + 1 };
}

/** Where an API error belongs on the manifest object. */
export function problemFor(m: ManifestObject, err: unknown): ManifestProblem {
  const fallback = nodeRange(m.doc, ['metadata', 'name'], m.start);
  if (err instanceof ApiError) {
    if (err.status === 422) {
      const fields = [
        ...err.message.matchAll(
          /(?:^|[[:,]\s*)((?:metadata|spec|data|stringData|rules|subjects|roleRef|webhooks)(?:\.[\w-]+|\[[^\]]*\])*): ([^,\]]+)/g,
        ),
      ];
      const first = fields[0];
      if (first) return { ...nodeRange(m.doc, fieldPath(first[1]), m.start), message: err.message, source: 'validation' };
      return { ...fallback, message: err.message, source: 'validation' };
    }
    if (err.status === 409) {
      // A server-side apply conflict names the field another manager owns: point at it.
      const field = /conflict with "[^"]*"(?: using [^:]+)?: \.([^\s]+)/.exec(err.message)?.[1];
      const range = field ? nodeRange(m.doc, fieldPath(field), m.start) : fallback;
      return { ...range, message: `Conflict: ${err.message}`, source: 'conflict' };
    }
    if (err.status === 403) {
      const admission = /admission webhook|denied the request/i.test(err.message);
      return { ...nodeRange(m.doc, ['kind'], m.start), message: err.message, source: admission ? 'admission' : 'forbidden' };
    }
  }
  const p = toProblem(err);
  return { ...fallback, message: `${p.message} ${p.hint}`, source: 'other' };
}

const NOISE = ['managedFields', 'resourceVersion', 'uid', 'creationTimestamp', 'generation', 'selfLink'];

/** An object as the diff shows it: no server bookkeeping, no status. */
export function forDiff(obj: KubeObject | undefined): KubeObject | undefined {
  if (!obj) return undefined;
  const out = structuredClone(obj);
  for (const k of NOISE) delete (out.metadata as Record<string, unknown>)[k];
  delete out.status;
  if (out.metadata.annotations) {
    delete out.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'];
    delete out.metadata.annotations['deployment.kubernetes.io/revision'];
    if (!Object.keys(out.metadata.annotations).length) delete out.metadata.annotations;
  }
  if (out.kind === 'Secret') {
    for (const f of ['data', 'stringData'] as const) {
      const d = out[f] as Record<string, string> | undefined;
      if (d) out[f] = Object.fromEntries(Object.entries(d).map(([k, v]) => [k, `<hidden: sha ${hashish(v)}>`]));
    }
  }
  return out;
}

function hashish(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0).toString(16).padStart(8, '0');
}

function header(r: ReviewedObject): string {
  const ns = r.ref.namespace ? `${r.ref.namespace}/` : '';
  return `# ${r.ref.kind} ${ns}${r.ref.name}`;
}

async function refOf(api: ApiClient, obj: KubeObject, defaultNamespace: string): Promise<Omit<ObjectRef, 'context'>> {
  const k = await resolveKind(api, obj.kind!, obj.apiVersion);
  return {
    apiVersion: obj.apiVersion,
    kind: obj.kind!,
    name: obj.metadata.name,
    namespace: k.namespaced ? (obj.metadata.namespace ?? defaultNamespace) : undefined,
  };
}

/** Dry-runs every object of the manifest and reads the live ones; nothing is changed. */
export async function reviewApply(api: ApiClient, text: string, defaultNamespace: string): Promise<ApplyReview> {
  const parsed = parseManifest(text);
  const objects: ReviewedObject[] = [];
  for (const m of parsed.objects) {
    let ref: Omit<ObjectRef, 'context'>;
    try {
      ref = await refOf(api, m.object, defaultNamespace);
    } catch (e) {
      // The cluster does not serve the kind (a missing CRD, a wrong apiVersion): point at the kind.
      const p = toProblem(e);
      const problem: ManifestProblem = { ...nodeRange(m.doc, ['kind'], m.start), message: `${p.message} ${p.hint}`, source: 'other' };
      objects.push({ manifest: m, ref: { apiVersion: m.object.apiVersion, kind: m.object.kind!, name: m.object.metadata.name }, problem });
      continue;
    }
    const r: ReviewedObject = { manifest: m, ref };
    try {
      r.live = await getObject(api, ref);
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 404)) {
        r.problem = problemFor(m, e);
        objects.push(r);
        continue;
      }
    }
    try {
      const body = { ...m.object, metadata: { ...m.object.metadata, namespace: ref.namespace } };
      r.dryRun = await patchObject(api, ref, 'apply', body, { dryRun: true, fieldManager: FIELD_MANAGER });
    } catch (e) {
      r.problem = problemFor(m, e);
    }
    objects.push(r);
  }
  const live: string[] = [];
  const next: string[] = [];
  let changed = false;
  for (const r of objects) {
    const l = forDiff(r.live);
    const d = r.problem ? undefined : forDiff(r.dryRun);
    const lt = l ? toYaml(l, { lineWidth: 0 }) : '# (does not exist yet)\n';
    const dt = d ? toYaml(d, { lineWidth: 0 }) : `# (refused: ${r.problem?.message.split('\n')[0] ?? 'unknown'})\n`;
    if (d && lt !== dt) changed = true;
    live.push(`${header(r)}\n${lt}`);
    next.push(`${header(r)}\n${dt}`);
  }
  return {
    objects,
    problems: [...parsed.problems, ...objects.flatMap((o) => (o.problem ? [o.problem] : []))],
    liveText: live.join('---\n'),
    dryRunText: next.join('---\n'),
    changed,
  };
}

/** Applies the reviewed objects for real (those the dry-run accepted); returns stored objects and problems. */
export async function applyReviewed(api: ApiClient, review: ApplyReview): Promise<{ applied: KubeObject[]; problems: ManifestProblem[] }> {
  const applied: KubeObject[] = [];
  const problems: ManifestProblem[] = [];
  for (const r of review.objects) {
    if (r.problem) continue;
    try {
      const body = { ...r.manifest.object, metadata: { ...r.manifest.object.metadata, namespace: r.ref.namespace } };
      applied.push(await patchObject(api, r.ref, 'apply', body, { fieldManager: FIELD_MANAGER }));
    } catch (e) {
      problems.push(problemFor(r.manifest, e));
    }
  }
  return { applied, problems };
}
