/**
 * What the operations act on, and the few write calls they share: object paths for any kind
 * (the explorer's built-in kinds, everything else from discovery: plural, scope and verbs are
 * never guessed), PATCH with a named patch type, DELETE, and the `scale` subresource.
 */
import type { ApiClient, KubeList, KubeObject } from '../api';
import { discoveryOf } from '../discovery';
import { ProblemError } from '../errors';
import { apiVersionOf, builtinKind, objectPath, collectionPath, type KindInfo } from '../kinds';

/** One object in one context. */
export interface ObjectRef {
  context: string;
  /** `group/version` or `v1`; optional for built-in kinds. */
  apiVersion?: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** The patch types the API server accepts. */
export type PatchType = 'merge' | 'strategic' | 'json' | 'apply';

const PATCH_CONTENT: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  json: 'application/json-patch+json',
  apply: 'application/apply-patch+yaml',
};

/** Kinds the operations read that the explorer does not list. */
const EXTRA_KINDS: readonly KindInfo[] = [
  { group: '', version: 'v1', kind: 'Node', plural: 'nodes', namespaced: false, title: 'Nodes' },
  { group: '', version: 'v1', kind: 'Endpoints', plural: 'endpoints', namespaced: true, title: 'Endpoints' },
  { group: '', version: 'v1', kind: 'PersistentVolume', plural: 'persistentvolumes', namespaced: false, title: 'PersistentVolumes' },
  {
    group: '',
    version: 'v1',
    kind: 'ReplicationController',
    plural: 'replicationcontrollers',
    namespaced: true,
    title: 'ReplicationControllers',
  },
  {
    group: 'apps',
    version: 'v1',
    kind: 'ControllerRevision',
    plural: 'controllerrevisions',
    namespaced: true,
    title: 'ControllerRevisions',
  },
];

/** A kind's API coordinates, with the verbs the server allows when discovery was asked. */
export type ResolvedKind = KindInfo & { verbs?: string[] };

/**
 * The kind's API coordinates: the explorer's built-in kinds by name, anything else from the
 * cluster's discovery for its `apiVersion` (cached per context, refreshed once on a miss).
 */
export async function resolveKind(api: ApiClient, kind: string, apiVersion?: string): Promise<ResolvedKind> {
  const b = builtinKind(kind) ?? EXTRA_KINDS.find((k) => k.kind === kind);
  if (b && (!apiVersion || apiVersion === apiVersionOf(b))) return b;
  if (!apiVersion) throw new Error(`Unknown kind ${kind}: its apiVersion is needed.`);
  return discoveryOf(api).resolve(kind, apiVersion);
}

/** Throws when discovery says the server does not allow `verb` on the kind. */
export function requireVerb(k: ResolvedKind, verb: string): void {
  if (k.verbs && !k.verbs.includes(verb)) {
    throw new ProblemError({
      kind: 'bad-request',
      message: `The cluster does not allow "${verb}" on ${k.kind} (${apiVersionOf(k)}).`,
      hint: `Its API lists only: ${k.verbs.join(', ') || 'no verbs'}.`,
    });
  }
}

/** The API path of an object (with an optional subresource). */
export async function pathOf(api: ApiClient, ref: Omit<ObjectRef, 'context'>, sub?: string): Promise<string> {
  const k = await resolveKind(api, ref.kind, ref.apiVersion);
  return `${objectPath(k, k.namespaced ? ref.namespace : undefined, ref.name)}${sub ? `/${sub}` : ''}`;
}

/** The collection path of a kind in a namespace. */
export async function collectionOf(api: ApiClient, kind: string, namespace?: string, apiVersion?: string): Promise<string> {
  const k = await resolveKind(api, kind, apiVersion);
  return collectionPath(k, k.namespaced ? namespace : undefined);
}

/** `?a=b&…` from the defined entries. */
export function query(params: Record<string, string | number | boolean | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Reads one object. */
export async function getObject(api: ApiClient, ref: Omit<ObjectRef, 'context'>): Promise<KubeObject> {
  return api.get<KubeObject>(await pathOf(api, ref));
}

/** Lists a kind in a namespace (one page is enough for the operations' lookups). */
export async function listObjects(
  api: ApiClient,
  kind: string,
  namespace: string | undefined,
  opts: { labelSelector?: string; fieldSelector?: string; apiVersion?: string } = {},
): Promise<KubeObject[]> {
  const path =
    (await collectionOf(api, kind, namespace, opts.apiVersion)) +
    query({ labelSelector: opts.labelSelector, fieldSelector: opts.fieldSelector });
  return (await api.get<KubeList>(path)).items.map((o) => ({ ...o, kind: o.kind ?? kind }));
}

/** PATCHes an object (or a subresource) with the given patch type. */
export async function patchObject(
  api: ApiClient,
  ref: Omit<ObjectRef, 'context'>,
  type: PatchType,
  body: unknown,
  opts: { sub?: string; dryRun?: boolean; fieldManager?: string; force?: boolean } = {},
): Promise<KubeObject> {
  const k = await resolveKind(api, ref.kind, ref.apiVersion);
  if (!opts.sub) requireVerb(k, 'patch');
  const q = query({ dryRun: opts.dryRun ? 'All' : undefined, fieldManager: opts.fieldManager, force: opts.force ? 'true' : undefined });
  return api.request<KubeObject>('PATCH', (await pathOf(api, ref, opts.sub)) + q, body, { contentType: PATCH_CONTENT[type] });
}

/** Deletes an object (dependents are removed in the background, as kubectl does). */
export async function deleteObject(api: ApiClient, ref: Omit<ObjectRef, 'context'>, opts: { dryRun?: boolean } = {}): Promise<KubeObject> {
  requireVerb(await resolveKind(api, ref.kind, ref.apiVersion), 'delete');
  return api.request<KubeObject>('DELETE', (await pathOf(api, ref)) + query({ dryRun: opts.dryRun ? 'All' : undefined }), {
    kind: 'DeleteOptions',
    apiVersion: 'v1',
    propagationPolicy: 'Background',
  });
}

/** Kinds with a `scale` subresource. */
export const SCALABLE_KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet']);

/** Sets the replica count through the `scale` subresource; resolves with the new count. */
export async function scaleObject(api: ApiClient, ref: Omit<ObjectRef, 'context'>, replicas: number): Promise<number> {
  if (!SCALABLE_KINDS.has(ref.kind)) throw new Error(`${ref.kind} cannot be scaled.`);
  if (!Number.isInteger(replicas) || replicas < 0) throw new Error('Replicas must be a whole number, 0 or more.');
  const s = await patchObject(api, ref, 'merge', { spec: { replicas } }, { sub: 'scale' });
  return (s.spec as { replicas?: number } | undefined)?.replicas ?? replicas;
}

/** Validates an input-box replica count: undefined when fine, else the message. */
export function validateReplicas(text: string): string | undefined {
  if (!/^\s*\d+\s*$/.test(text)) return 'A whole number, 0 or more.';
  return Number(text) > 10_000 ? 'More than 10000 replicas is almost certainly a typo.' : undefined;
}
