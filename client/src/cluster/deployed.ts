/**
 * Which workloads of a YAML manifest exist in the cluster: the objects (kind, name, namespace and
 * the line each starts on) and a short-lived cache of one GET per object, for the editor's
 * "Diagnose" / "Describe" lenses.
 */
import { isMap, parseAllDocuments } from 'yaml';
import { collectionKey } from '../../../server/src/parse/yaml';
import type { ApiClient, KubeList, KubeObject } from './api';
import { ApiError } from './errors';
import { builtinKind, collectionPath, objectPath } from './kinds';
import { matchesSelector, selectorOf } from './status';

/** The kinds that get lenses. */
export const LENS_KINDS: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Pod', 'Job', 'CronJob', 'ReplicaSet']);

/** A workload object written in a manifest. */
export interface ManifestWorkload {
  kind: string;
  name: string;
  /** As written (undefined: the context's namespace applies). */
  namespace?: string;
  /** Offset of the object's first key in the text. */
  offset: number;
}

/** The workloads of a manifest; documents that do not parse or hold template expressions are skipped. */
export function manifestWorkloads(text: string): ManifestWorkload[] {
  const out: ManifestWorkload[] = [];
  let docs;
  try {
    docs = parseAllDocuments(text);
  } catch {
    return out;
  }
  for (const doc of docs) {
    // A key that is itself a collection is no Kubernetes object; converting it prints the key, which takes seconds when deeply nested.
    if (doc.errors.length || !isMap(doc.contents) || collectionKey(doc.contents)) continue;
    let o: Partial<KubeObject> | null;
    try {
      o = doc.toJS({ maxAliasCount: 100 }) as Partial<KubeObject> | null;
    } catch {
      continue;
    }
    const kind = o?.kind;
    const name = o?.metadata?.name;
    const namespace = o?.metadata?.namespace;
    if (typeof kind !== 'string' || !LENS_KINDS.has(kind) || typeof name !== 'string' || !name || name.includes('{{')) continue;
    if (namespace !== undefined && (typeof namespace !== 'string' || namespace.includes('{{'))) continue;
    out.push({ kind, name, namespace: namespace || undefined, offset: doc.contents.range[0] });
  }
  return out;
}

/** The live object, `null` when it does not exist, `undefined` when the cluster could not say. */
export type Lookup = KubeObject | null | undefined;

/** One GET per object, remembered for `ttlMs`; concurrent askers share the request. */
export class DeployedCache {
  private readonly entries = new Map<string, { at: number; value: Promise<Lookup> }>();

  constructor(
    private readonly ttlMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Looks the object up in `api`'s context and `namespace`. */
  lookup(api: ApiClient, namespace: string, kind: string, name: string): Promise<Lookup> {
    const info = builtinKind(kind);
    if (!info) return Promise.resolve(undefined);
    const key = `${api.context}\n${namespace}\n${kind}\n${name}`;
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.value;
    const value = api.get<KubeObject>(objectPath(info, namespace, name), { timeoutMs: 5_000 }).then(
      (o) => o,
      (e: unknown) => (e instanceof ApiError && e.status === 404 ? null : undefined),
    );
    this.entries.set(key, { at: this.now(), value });
    if (this.entries.size > 500) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  /** Forgets everything (the context or namespace changed). */
  clear(): void {
    this.entries.clear();
  }
}

/**
 * The pods of a live workload: by its selector, or for a CronJob, those of the Jobs it owns.
 * A Pod is its own answer.
 */
export async function workloadPods(api: ApiClient, obj: KubeObject): Promise<KubeObject[]> {
  if (obj.kind === 'Pod') return [obj];
  const ns = obj.metadata.namespace;
  const list = async (kind: string): Promise<KubeObject[]> => (await api.get<KubeList>(collectionPath(builtinKind(kind)!, ns))).items ?? [];
  const pods = await list('Pod');
  if (obj.kind === 'CronJob') {
    const jobs = new Set(
      (await list('Job'))
        .filter((j) => j.metadata.ownerReferences?.some((r) => r.kind === 'CronJob' && r.name === obj.metadata.name))
        .map((j) => j.metadata.name),
    );
    return pods.filter((p) => p.metadata.ownerReferences?.some((r) => r.kind === 'Job' && jobs.has(r.name)));
  }
  const selector = selectorOf(obj);
  return selector ? pods.filter((p) => matchesSelector(p.metadata.labels, selector)) : [];
}
