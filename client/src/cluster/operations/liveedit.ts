/**
 * Editing a live object: its YAML without the server's bookkeeping (managedFields, status, uid,
 * resourceVersion, …), and on save a server-side apply dry-run as field manager `shipshape`, a
 * diff against the live object, and the apply itself. Conflicts with other field managers come
 * back as {@link FieldConflict}s placed on the edited text, to be forced only on request. A
 * Secret opens with its `data` as stored (base64); the decoded form shows UTF-8 values under
 * `stringData` and is re-encoded into `data` before anything is sent.
 */
import { stringify as toYaml } from 'yaml';
import type { ApiClient, KubeList, KubeObject } from '../api';
import { ApiError, toProblem } from '../errors';
import { BUILTIN_KINDS, apiVersionOf, collectionPath, discoverCustomKinds, type KindInfo } from '../kinds';
import { FIELD_MANAGER, forDiff, nodeRange, parseManifest, problemFor, type ManifestObject, type ManifestProblem } from './apply';
import { getObject, patchObject, query, type ObjectRef } from './objects';

/** The object being edited. */
export type LiveTarget = Omit<ObjectRef, 'context'> & { apiVersion: string };

/** An opened edit: the text shown and what it was read from. */
export interface OpenedEdit {
  text: string;
  /** The live object's resourceVersion when it was read (to tell the user it changed since). */
  resourceVersion?: string;
  /** Whether a Secret's values are shown decoded under `stringData`. */
  decoded: boolean;
}

/** A field another manager owns, as the server named it, with where it is in the edited text. */
export interface FieldConflict {
  manager: string;
  /** The server's field path, e.g. `.spec.replicas`. */
  field: string;
  start: number;
  end: number;
}

/** The review of a saved edit: what the server says would happen; nothing has changed yet. */
export interface EditReview {
  target: LiveTarget;
  /** What would be applied (Secret values re-encoded), or undefined when the text cannot be applied. */
  object?: KubeObject;
  live?: KubeObject;
  dryRun?: KubeObject;
  /** Left and right of the diff (bookkeeping and Secret values hidden). */
  liveText: string;
  dryRunText: string;
  changed: boolean;
  /** Problems on the edited text (parse errors, identity changes, refusals; conflicts too). */
  problems: ManifestProblem[];
  /** Conflicts with other field managers (empty when the review forced them). */
  conflicts: FieldConflict[];
  /** Set when the live object changed on the server since the edit was opened. */
  changedOnServer?: { from: string; to: string };
  forced: boolean;
}

const HIDDEN_METADATA = ['managedFields', 'resourceVersion', 'uid', 'creationTimestamp', 'generation', 'selfLink'];
const HIDDEN_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration'];

/** Whether bytes are text a person can edit: valid UTF-8 that survives the round trip, no control characters but tab and newlines. */
function editableUtf8(b64: string): string | undefined {
  const bytes = Buffer.from(b64, 'base64');
  const text = bytes.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(bytes)) return undefined;
  // eslint-disable-next-line no-control-regex
  return /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(text) ? undefined : text;
}

/**
 * The object as the editor shows it: no managedFields, status or other server bookkeeping; a
 * Secret decoded on request (values that are not text stay in `data`, base64).
 */
export function editableObject(obj: KubeObject, decoded = false): KubeObject {
  const o = structuredClone(obj);
  for (const k of HIDDEN_METADATA) delete (o.metadata as Record<string, unknown>)[k];
  delete o.status;
  if (o.metadata.annotations) {
    for (const a of HIDDEN_ANNOTATIONS) delete o.metadata.annotations[a];
    if (!Object.keys(o.metadata.annotations).length) delete o.metadata.annotations;
  }
  if (decoded && o.kind === 'Secret' && o.data) {
    const data: Record<string, string> = {};
    const stringData: Record<string, string> = {};
    for (const [k, v] of Object.entries(o.data)) {
      const text = editableUtf8(v);
      if (text === undefined) data[k] = v;
      else stringData[k] = text;
    }
    o.data = Object.keys(data).length ? data : undefined;
    if (!o.data) delete o.data;
    o.stringData = { ...(o.stringData as Record<string, string> | undefined), ...stringData };
  }
  // apiVersion, kind and metadata first, as people read manifests.
  const { apiVersion, kind, metadata, ...rest } = o;
  return { apiVersion, kind, metadata, ...rest };
}

function describeTarget(t: LiveTarget): string {
  return `${t.kind} ${t.namespace ? `${t.namespace}/` : ''}${t.name}`;
}

/** The editor's text for an object (with a comment saying what saving does). */
export function editableText(obj: KubeObject, target: LiveTarget, context: string, decoded = false): string {
  const head = [
    `# ${describeTarget(target)} in context ${context}.`,
    `# Saving reviews the change (server-side apply dry-run as "${FIELD_MANAGER}", a diff) and asks before applying.`,
  ];
  if (decoded) head.push('# Values under stringData are decoded; they are encoded into data when saved.');
  return `${head.join('\n')}\n${toYaml(editableObject(obj, decoded), { lineWidth: 0 })}`;
}

/** Reads the live object and makes the editor's text. */
export async function openForEdit(api: ApiClient, target: LiveTarget, opts: { decoded?: boolean } = {}): Promise<OpenedEdit> {
  const live = await getObject(api, target);
  const decoded = !!opts.decoded && target.kind === 'Secret';
  return {
    text: editableText(
      { ...live, apiVersion: live.apiVersion ?? target.apiVersion, kind: live.kind ?? target.kind },
      target,
      api.context,
      decoded,
    ),
    resourceVersion: live.metadata.resourceVersion,
    decoded,
  };
}

/** `.spec.containers[name="app"].image` → segments, with key-selected list items as `{ key: value }`. */
function smdPath(field: string): (string | Record<string, string> | number)[] {
  const out: (string | Record<string, string> | number)[] = [];
  for (const part of field.match(/\[[^\]]*\]|[^.[\]]+/g) ?? []) {
    if (!part.startsWith('[')) {
      out.push(part);
      continue;
    }
    const inner = part.slice(1, -1);
    if (/^\d+$/.test(inner)) out.push(Number(inner));
    else {
      const sel: Record<string, string> = {};
      for (const m of inner.matchAll(/([\w.-]+)=(?:"((?:[^"\\]|\\.)*)"|([^,]*))/g)) sel[m[1]] = m[2] ?? m[3];
      out.push(sel);
    }
  }
  return out;
}

/** Resolves key-selected list items against the object to indices, for {@link nodeRange}. */
function indexPath(obj: unknown, field: string): (string | number)[] {
  const out: (string | number)[] = [];
  let cur = obj;
  for (const seg of smdPath(field)) {
    if (typeof seg === 'object') {
      const list = Array.isArray(cur) ? (cur as unknown[]) : [];
      const i = list.findIndex(
        (item) =>
          !!item && typeof item === 'object' && Object.entries(seg).every(([k, v]) => String((item as Record<string, unknown>)[k]) === v),
      );
      if (i < 0) break;
      out.push(i);
      cur = list[i];
    } else {
      out.push(seg);
      cur = cur && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[seg] : undefined;
    }
  }
  return out;
}

/**
 * The conflicts a server-side apply refusal names. The API server writes one per line as
 * `conflict with "manager" using apps/v1: .spec.replicas`, or grouped per manager as
 * `conflicts with "manager":` followed by `- .path` lines.
 */
export function conflictFields(message: string): { manager: string; field: string }[] {
  const out: { manager: string; field: string }[] = [];
  let manager = '';
  for (const line of message.split('\n')) {
    const one = /conflict with "([^"]*)"(?: using [^:]+)?: (\.\S+)/.exec(line);
    if (one) {
      out.push({ manager: one[1], field: one[2] });
      continue;
    }
    const group = /conflicts with "([^"]*)"(?: using [^:]+)?:\s*$/.exec(line);
    if (group) {
      manager = group[1];
      continue;
    }
    const item = /^\s*-\s+(\.\S+)/.exec(line);
    if (item && manager) out.push({ manager, field: item[1] });
  }
  return out;
}

function identityProblems(m: ManifestObject, target: LiveTarget): ManifestProblem[] {
  const o = m.object;
  const checks: [string[], unknown, unknown][] = [
    [['apiVersion'], o.apiVersion, target.apiVersion],
    [['kind'], o.kind, target.kind],
    [['metadata', 'name'], o.metadata.name, target.name],
  ];
  if (target.namespace) checks.push([['metadata', 'namespace'], o.metadata.namespace ?? target.namespace, target.namespace]);
  return checks
    .filter(([, have, want]) => have !== want)
    .map(([path, have, want]) => ({
      ...nodeRange(m.doc, path, m.start),
      message: `This edits ${describeTarget(target)}: ${path.join('.')} must stay "${String(want)}" (it is "${String(have)}"). To make another object, use Apply to Cluster on a manifest.`,
      source: 'validation' as const,
    }));
}

/** Puts decoded Secret values back into `data` (base64), as the API stores them. */
export function encodeSecret(obj: KubeObject): KubeObject {
  const stringData = obj.stringData as Record<string, unknown> | undefined;
  if (obj.kind !== 'Secret' || !stringData) return obj;
  const data: Record<string, string> = { ...(obj.data ?? {}) };
  for (const [k, v] of Object.entries(stringData))
    data[k] = Buffer.from(v === null || v === undefined ? '' : String(v), 'utf8').toString('base64');
  const out: KubeObject = { ...obj, data };
  delete out.stringData;
  return out;
}

function emptyReview(target: LiveTarget, problems: ManifestProblem[], forced: boolean): EditReview {
  return { target, liveText: '', dryRunText: '', changed: false, problems, conflicts: [], forced };
}

/**
 * Reviews an edit: parses the text, checks it still names the object, reads the live object and
 * sends the server-side apply dry-run (`force` takes over fields other managers own). Nothing
 * is changed on the server.
 */
export async function reviewEdit(
  api: ApiClient,
  target: LiveTarget,
  text: string,
  opts: { decoded?: boolean; resourceVersion?: string; force?: boolean } = {},
): Promise<EditReview> {
  const forced = !!opts.force;
  const parsed = parseManifest(text);
  if (parsed.problems.length) return emptyReview(target, parsed.problems, forced);
  if (parsed.objects.length !== 1) {
    const at = parsed.objects[1]?.start ?? 0;
    return emptyReview(
      target,
      [
        {
          start: at,
          end: at + 1,
          message: `The document must hold exactly the one object being edited (it holds ${parsed.objects.length}).`,
          source: 'other',
        },
      ],
      forced,
    );
  }
  const m = parsed.objects[0];
  const identity = identityProblems(m, target);
  if (identity.length) return emptyReview(target, identity, forced);
  let object = m.object;
  if (opts.decoded) object = encodeSecret(object);
  object = { ...object, metadata: { ...object.metadata, namespace: target.namespace } };
  if (!target.namespace) delete object.metadata.namespace;
  const review: EditReview = { ...emptyReview(target, [], forced), object };
  try {
    review.live = await getObject(api, target);
  } catch (e) {
    const gone = e instanceof ApiError && e.status === 404;
    const p = toProblem(e);
    review.problems.push({
      ...nodeRange(m.doc, ['metadata', 'name'], m.start),
      message: gone ? `${describeTarget(target)} no longer exists in the cluster; your text is kept.` : `${p.message} ${p.hint}`,
      source: 'other',
    });
    return review;
  }
  const rv = review.live.metadata.resourceVersion;
  if (opts.resourceVersion && rv && rv !== opts.resourceVersion) review.changedOnServer = { from: opts.resourceVersion, to: rv };
  try {
    review.dryRun = await patchObject(api, target, 'apply', object, { dryRun: true, fieldManager: FIELD_MANAGER, force: forced });
  } catch (e) {
    const problem = problemFor(m, e);
    if (problem.source === 'conflict' && e instanceof ApiError) {
      for (const c of conflictFields(e.message)) {
        const r = nodeRange(m.doc, indexPath(m.object, c.field.slice(1)), m.start);
        review.conflicts.push({ ...c, ...r });
        review.problems.push({
          ...r,
          message: `Conflict: field ${c.field} is managed by "${c.manager}" and set to another value there. Choose Force to take it over.`,
          source: 'conflict',
        });
      }
    }
    if (!review.problems.length) review.problems.push(problem);
    return review;
  }
  review.liveText = toYaml(forDiff(review.live), { lineWidth: 0 });
  review.dryRunText = toYaml(forDiff(review.dryRun), { lineWidth: 0 });
  review.changed = review.liveText !== review.dryRunText;
  return review;
}

/** Applies a review the dry-run accepted (as field manager `shipshape`, forced only when the review was). */
export async function applyEdit(api: ApiClient, review: EditReview): Promise<KubeObject> {
  if (!review.object || !review.dryRun) throw new Error('This edit was not accepted by the dry-run; nothing was applied.');
  return patchObject(api, review.target, 'apply', review.object, { fieldManager: FIELD_MANAGER, force: review.forced });
}

/** One object offered by "Go to resource…". */
export interface ResourceItem {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/**
 * The objects of every listable kind (the explorer's built-in kinds but Events, and the custom
 * kinds discovery lists) in a namespace, or in all of them when it is undefined; at most
 * `limitPerKind` per kind. Kinds that cannot be listed are named in `problems`, not fatal.
 */
export async function resourcesAcrossKinds(
  api: ApiClient,
  namespace: string | undefined,
  opts: { limitPerKind?: number } = {},
): Promise<{ items: ResourceItem[]; problems: string[] }> {
  const problems: string[] = [];
  const kinds: KindInfo[] = BUILTIN_KINDS.filter((k) => k.kind !== 'Event');
  try {
    for (const ks of (await discoverCustomKinds(api)).values()) kinds.push(...ks);
  } catch (e) {
    problems.push(`Custom resources: ${toProblem(e).message}`);
  }
  const lists = await Promise.all(
    kinds.map(async (k) => {
      try {
        const list = await api.get<KubeList>(collectionPath(k, namespace) + query({ limit: opts.limitPerKind ?? 500 }));
        return list.items.map((o) => ({
          apiVersion: apiVersionOf(k),
          kind: k.kind,
          namespace: k.namespaced ? o.metadata.namespace : undefined,
          name: o.metadata.name,
        }));
      } catch (e) {
        problems.push(`${k.title}: ${toProblem(e).message}`);
        return [];
      }
    }),
  );
  return { items: lists.flat(), problems };
}
