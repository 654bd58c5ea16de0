/**
 * The test API server's write paths beyond plain create/replace/delete: PATCH (JSON merge patch,
 * strategic merge patch with lists merged by `name`, JSON patch, and server-side apply with a
 * required `fieldManager` that records `managedFields`), `?dryRun=All` on every write, the `scale`
 * subresource, `metadata.generation`, field validation (422 Invalid with the API server's message
 * shape), validating-admission denials (403 "admission webhook … denied the request"), the
 * metrics.k8s.io API, and a Deployment controller that keeps one ReplicaSet per pod template with
 * `deployment.kubernetes.io/revision` annotations (so rollout history and undo have revisions).
 */
import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import { groupVersion } from './resources';
import type { KubeApiServer } from './server';
import type { KObject, ResourceType } from './types';

/** One routed request as the operations see it. */
export interface OperationRequest {
  method: string;
  rt: ResourceType;
  namespace?: string;
  name?: string;
  sub?: string;
  query: URLSearchParams;
  body: Buffer;
  contentType: string;
}

/** A validating admission webhook stand-in. */
export interface AdmissionDenial {
  /** The webhook's name, as the API server quotes it. */
  webhook: string;
  /** Which writes it denies (dry-runs included, as for webhooks with `sideEffects: None`). */
  denies: (obj: KObject, operation: 'CREATE' | 'UPDATE' | 'DELETE') => boolean;
  message: string;
}

const REVISION = 'deployment.kubernetes.io/revision';
const SCALABLE = new Set(['Deployment', 'StatefulSet', 'ReplicaSet']);
const TEMPLATE_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function status(code: number, reason: string, message: string, details?: object): object {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, details, code };
}

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: Json | undefined, patch: Json): Json {
  if (!isObject(patch)) return patch;
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** Strategic merge patch, simplified: lists of objects with a `name` merge by name; other lists replace; `$` directives are dropped. */
export function strategicMerge(target: Json | undefined, patch: Json): Json {
  if (Array.isArray(patch) && Array.isArray(target) && patch.every((p) => isObject(p) && typeof p.name === 'string')) {
    const out = [...target];
    for (const p of patch as JsonObject[]) {
      const i = out.findIndex((t) => isObject(t) && t.name === p.name);
      if (i >= 0) out[i] = strategicMerge(out[i], p);
      else out.push(p);
    }
    return out;
  }
  if (!isObject(patch)) return patch;
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    // Directives (`$setElementOrder/containers`, `$retainKeys`, …) order or prune; they are never fields.
    if (k.startsWith('$')) continue;
    if (v === null) delete out[k];
    else out[k] = strategicMerge(out[k], v);
  }
  return out;
}

function pointer(path: string): string[] {
  return path
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** RFC 6902 JSON patch (add, replace, remove, test). */
export function jsonPatch(doc: Json, ops: { op: string; path: string; value?: Json }[]): Json {
  const root: Json = structuredClone(doc);
  for (const op of ops) {
    const parts = pointer(op.path);
    const last = parts.pop();
    let cur: Json = root;
    for (const p of parts) {
      const next: Json | undefined = Array.isArray(cur) ? cur[Number(p)] : isObject(cur) ? cur[p] : undefined;
      if (next === undefined) throw new Error(`path ${op.path} does not exist`);
      cur = next;
    }
    if (last === undefined) throw new Error('the root cannot be patched');
    if (op.op === 'test') {
      const have = Array.isArray(cur) ? cur[Number(last)] : isObject(cur) ? cur[last] : undefined;
      if (JSON.stringify(have) !== JSON.stringify(op.value)) throw new Error(`test failed at ${op.path}`);
    } else if (Array.isArray(cur)) {
      const i = last === '-' ? cur.length : Number(last);
      if (op.op === 'add') cur.splice(i, 0, op.value ?? null);
      else if (op.op === 'replace') cur[i] = op.value ?? null;
      else if (op.op === 'remove') cur.splice(i, 1);
      else throw new Error(`unsupported op ${op.op}`);
    } else if (isObject(cur)) {
      if (op.op === 'add' || op.op === 'replace') cur[last] = op.value ?? null;
      else if (op.op === 'remove') delete cur[last];
      else throw new Error(`unsupported op ${op.op}`);
    } else {
      throw new Error(`path ${op.path} does not exist`);
    }
  }
  return root;
}

/** `fieldsV1` for an applied configuration: every key the manager set. */
function fieldsOf(obj: Json): Json {
  if (!isObject(obj)) return {};
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'apiVersion' || k === 'kind') continue;
    out[`f:${k}`] = isObject(v) ? fieldsOf(v) : {};
  }
  return out;
}

/** The leaf paths (`spec.replicas`) a `fieldsV1` set names. */
function leafPaths(fields: Json, prefix = ''): string[] {
  if (!isObject(fields)) return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(fields)) {
    if (!k.startsWith('f:')) continue;
    const path = prefix ? `${prefix}.${k.slice(2)}` : k.slice(2);
    if (isObject(v) && Object.keys(v).length) out.push(...leafPaths(v, path));
    else out.push(path);
  }
  return out;
}

function podSpecPath(kind: string): string | undefined {
  if (kind === 'Pod') return 'spec';
  if (TEMPLATE_KINDS.has(kind)) return 'spec.template.spec';
  if (kind === 'CronJob') return 'spec.jobTemplate.spec.template.spec';
  return undefined;
}

function at(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const p of path.split('.')) cur = isObject(cur) ? cur[p] : undefined;
  return cur;
}

/** The template without the controller's `pod-template-hash` label (what the controller compares). */
function templateKey(template: unknown): string {
  const t = structuredClone((template ?? {}) as JsonObject);
  const labels = (t.metadata as JsonObject | undefined)?.labels as JsonObject | undefined;
  if (labels) delete labels['pod-template-hash'];
  return JSON.stringify(sortKeys(t));
}

function sortKeys(v: Json): Json {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (!isObject(v)) return v;
  return Object.fromEntries(
    Object.keys(v)
      .sort()
      .map((k) => [k, sortKeys(v[k])]),
  );
}

/** The operations behind one {@link KubeApiServer}. */
export class ApiOperations {
  /** Admission denials checked on every create, update, patch and apply (dry-run or not). */
  readonly denials: AdmissionDenial[] = [];

  constructor(private readonly server: KubeApiServer) {}

  /** Serves metrics.k8s.io (PodMetrics, NodeMetrics), as installing metrics-server does. */
  installMetrics(): void {
    const base = { group: 'metrics.k8s.io', version: 'v1beta1' };
    this.server.addType({ ...base, kind: 'PodMetrics', plural: 'pods', singular: '', namespaced: true });
    this.server.addType({ ...base, kind: 'NodeMetrics', plural: 'nodes', singular: '', namespaced: false });
  }

  /** Handles the request when it is one of the operations; false leaves it to the built-in routes. */
  route(req: OperationRequest, reply: (code: number, body: unknown) => void): boolean {
    let dryRun = req.query.get('dryRun');
    // DELETE takes its options (dryRun among them) from a DeleteOptions body as well, as kubectl sends them.
    if (req.method === 'DELETE' && dryRun === null && req.body.length) {
      try {
        const opts = JSON.parse(req.body.toString('utf8')) as { dryRun?: string[] };
        if (opts.dryRun?.length) dryRun = opts.dryRun.join(',');
      } catch {
        reply(400, status(400, 'BadRequest', 'the DeleteOptions body is not JSON'));
        return true;
      }
    }
    if (dryRun !== null && dryRun !== 'All') {
      reply(400, status(400, 'BadRequest', `Invalid dry run value: "${dryRun}"; supported values: [All]`));
      return true;
    }
    try {
      if (req.sub === 'scale' && SCALABLE.has(req.rt.kind) && req.name) return this.scale(req, reply, dryRun === 'All');
      if (req.sub) return false;
      if (req.method === 'PATCH' && req.name) return this.patch(req, reply, dryRun === 'All');
      if ((req.method === 'POST' || req.method === 'PUT') && req.body.length) return this.write(req, reply, dryRun === 'All');
      if (req.method === 'DELETE' && req.name) return this.delete(req, reply, dryRun === 'All');
    } catch (e) {
      reply(400, status(400, 'BadRequest', e instanceof Error ? e.message : String(e)));
      return true;
    }
    return false;
  }

  /** Brings the Deployment's ReplicaSets in line with its template (what the Deployment controller does). */
  reconcileDeployment(namespace: string, name: string): void {
    const d = this.server.get('apps/v1', 'Deployment', namespace, name);
    if (!d) return;
    const owned = this.server
      .listObjects('apps/v1', 'ReplicaSet', namespace)
      .filter((rs) => rs.metadata.ownerReferences?.some((o) => o.uid === d.metadata.uid));
    const revisionOf = (o: KObject): number => Number(o.metadata.annotations?.[REVISION] ?? 0);
    const max = owned.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
    const template = at(d, 'spec.template');
    const key = templateKey(template as Json);
    const current = owned.find((rs) => templateKey(at(rs, 'spec.template') as Json) === key);
    let revision: number;
    if (current) {
      revision = revisionOf(current) === max ? max : max + 1;
      if (revision !== revisionOf(current)) {
        current.metadata.annotations = { ...current.metadata.annotations, [REVISION]: String(revision) };
        this.server.put(current);
      }
    } else {
      revision = max + 1;
      const hash = createHash('sha256').update(key).digest('hex').slice(0, 10);
      const t = structuredClone(template as JsonObject);
      const meta = (t.metadata ?? {}) as JsonObject;
      meta.labels = { ...((meta.labels as JsonObject | undefined) ?? {}), 'pod-template-hash': hash };
      t.metadata = meta;
      const selector = structuredClone((at(d, 'spec.selector') ?? {}) as JsonObject);
      selector.matchLabels = { ...((selector.matchLabels as JsonObject | undefined) ?? {}), 'pod-template-hash': hash };
      this.server.put({
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: `${name}-${hash}`,
          namespace,
          labels: { ...((meta.labels as Record<string, string> | undefined) ?? {}) },
          annotations: { [REVISION]: String(revision) },
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name, uid: d.metadata.uid!, controller: true }],
        },
        spec: { replicas: at(d, 'spec.replicas') ?? 1, selector, template: t },
        status: { replicas: 0 },
      });
    }
    if (d.metadata.annotations?.[REVISION] !== String(revision)) {
      d.metadata.annotations = { ...d.metadata.annotations, [REVISION]: String(revision) };
      this.server.put(d);
    }
  }

  private scale(req: OperationRequest, reply: (code: number, body: unknown) => void, dryRun: boolean): boolean {
    const apiVersion = groupVersion(req.rt);
    const obj = this.server.get(apiVersion, req.rt.kind, req.namespace, req.name!);
    if (!obj) {
      reply(404, status(404, 'NotFound', `${req.rt.plural}.${req.rt.group} "${req.name}" not found`));
      return true;
    }
    if (req.method === 'PATCH' || req.method === 'PUT') {
      const body = JSON.parse(req.body.toString('utf8')) as Json;
      const replicas = at(req.method === 'PUT' ? body : mergePatch(this.scaleOf(obj) as unknown as Json, body), 'spec.replicas');
      if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
        reply(
          422,
          status(422, 'Invalid', `Scale.autoscaling "${req.name}" is invalid: spec.replicas: Invalid value: ${JSON.stringify(replicas)}`),
        );
        return true;
      }
      const next = structuredClone(obj);
      next.spec = { ...(next.spec as object), replicas };
      const stored = dryRun ? next : this.server.put(next);
      reply(200, this.scaleOf(stored));
      return true;
    }
    if (req.method === 'GET') {
      reply(200, this.scaleOf(obj));
      return true;
    }
    return false;
  }

  private scaleOf(obj: KObject): object {
    const m = obj.metadata;
    return {
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: {
        name: m.name,
        namespace: m.namespace,
        uid: m.uid,
        resourceVersion: m.resourceVersion,
        creationTimestamp: m.creationTimestamp,
      },
      spec: { replicas: at(obj, 'spec.replicas') ?? 1 },
      status: { replicas: at(obj, 'status.replicas') ?? 0 },
    };
  }

  private patch(req: OperationRequest, reply: (code: number, body: unknown) => void, dryRun: boolean): boolean {
    const apiVersion = groupVersion(req.rt);
    const live = this.server.get(apiVersion, req.rt.kind, req.namespace, req.name!);
    const type = req.contentType.split(';')[0].trim();
    const text = req.body.toString('utf8');
    let next: KObject;
    if (type === 'application/apply-patch+yaml') {
      const manager = req.query.get('fieldManager');
      if (!manager) {
        reply(
          422,
          status(422, 'Invalid', 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch'),
        );
        return true;
      }
      const applied = parseYaml(text) as KObject;
      if (!isObject(applied as unknown as Json) || applied.apiVersion !== apiVersion || applied.kind !== req.rt.kind) {
        reply(400, status(400, 'BadRequest', `the apply configuration must be a ${apiVersion} ${req.rt.kind}`));
        return true;
      }
      if (applied.metadata?.name !== req.name) {
        reply(
          400,
          status(400, 'BadRequest', `the name of the object (${applied.metadata?.name}) does not match the name on the URL (${req.name})`),
        );
        return true;
      }
      next = (live ? strategicMerge(live as unknown as Json, applied as unknown as Json) : applied) as unknown as KObject;
      const entry = {
        manager,
        operation: 'Apply',
        apiVersion,
        time: new Date().toISOString(),
        fieldsType: 'FieldsV1',
        fieldsV1: fieldsOf(applied as unknown as Json),
      };
      const others = (
        (live?.metadata.managedFields as { manager: string; operation: string; apiVersion?: string; fieldsV1?: Json }[] | undefined) ?? []
      ).filter((f) => !(f.manager === manager && f.operation === 'Apply'));
      // A field another applier owns, set to a different value, is a conflict unless the apply forces it.
      if (live && req.query.get('force') !== 'true') {
        const mine = new Set(leafPaths(entry.fieldsV1));
        const conflicts = others.flatMap((f) =>
          f.operation !== 'Apply'
            ? []
            : leafPaths(f.fieldsV1 ?? {})
                .filter((p) => mine.has(p) && !p.startsWith('metadata.') && JSON.stringify(at(live, p)) !== JSON.stringify(at(applied, p)))
                .map((p) => `conflict with "${f.manager}" using ${f.apiVersion ?? apiVersion}: .${p}`),
        );
        if (conflicts.length) {
          const n = conflicts.length;
          reply(409, status(409, 'Conflict', `Apply failed with ${n} conflict${n === 1 ? '' : 's'}: ${conflicts.join('\n')}`));
          return true;
        }
      }
      next.metadata = { ...next.metadata, managedFields: [...others, entry] };
    } else {
      if (!live) {
        reply(404, status(404, 'NotFound', `${req.rt.plural} "${req.name}" not found`, { name: req.name, kind: req.rt.plural }));
        return true;
      }
      const body = JSON.parse(text) as Json;
      if (type === 'application/json-patch+json') next = jsonPatch(live as unknown as Json, body as never) as unknown as KObject;
      else if (type === 'application/merge-patch+json') next = mergePatch(live as unknown as Json, body) as unknown as KObject;
      else if (type === 'application/strategic-merge-patch+json')
        next = strategicMerge(live as unknown as Json, body) as unknown as KObject;
      else {
        reply(
          415,
          status(
            415,
            'UnsupportedMediaType',
            `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`,
          ),
        );
        return true;
      }
    }
    return this.store(req, reply, dryRun, live, next, live ? 200 : 201);
  }

  private write(req: OperationRequest, reply: (code: number, body: unknown) => void, dryRun: boolean): boolean {
    const obj = JSON.parse(req.body.toString('utf8')) as KObject;
    if (req.rt.namespaced) obj.metadata = { ...obj.metadata, namespace: req.namespace };
    const live = obj.metadata?.name
      ? this.server.get(groupVersion(req.rt), req.rt.kind, obj.metadata.namespace, obj.metadata.name)
      : undefined;
    if (req.method === 'POST' && live) return false;
    if (req.method === 'PUT' && !live) return false;
    const problem = this.check(req, obj, live ? 'UPDATE' : 'CREATE');
    if (problem) {
      reply(problem.code, problem.body);
      return true;
    }
    if (!dryRun) return false;
    reply(live ? 200 : 201, this.preview(req, obj, live));
    return true;
  }

  private delete(req: OperationRequest, reply: (code: number, body: unknown) => void, dryRun: boolean): boolean {
    const live = this.server.get(groupVersion(req.rt), req.rt.kind, req.namespace, req.name!);
    if (!live) return false;
    const denial = this.denials.find((d) => d.denies(live, 'DELETE'));
    if (denial) {
      reply(403, status(403, 'Forbidden', `admission webhook "${denial.webhook}" denied the request: ${denial.message}`));
      return true;
    }
    if (!dryRun) return false;
    reply(200, live);
    return true;
  }

  /** Validation and admission; a reply when the write is refused. */
  private check(req: OperationRequest, obj: KObject, op: 'CREATE' | 'UPDATE'): { code: number; body: object } | undefined {
    const causes: { reason: string; message: string; field: string }[] = [];
    if (!obj.metadata?.name)
      causes.push({ reason: 'FieldValueRequired', message: 'Required value: name is required', field: 'metadata.name' });
    const podPath = podSpecPath(req.rt.kind);
    const containers = podPath ? at(obj, `${podPath}.containers`) : undefined;
    if (Array.isArray(containers)) {
      containers.forEach((c, i) => {
        if (!isObject(c) || typeof c.image !== 'string' || !c.image)
          causes.push({ reason: 'FieldValueRequired', message: 'Required value', field: `${podPath}.containers[${i}].image` });
      });
    }
    if (causes.length) {
      const kind = req.rt.group ? `${req.rt.kind}.${req.rt.group}` : req.rt.kind;
      const list = causes.map((c) => `${c.field}: ${c.message}`);
      const message = `${kind} "${obj.metadata?.name ?? ''}" is invalid: ${list.length === 1 ? list[0] : `[${list.join(', ')}]`}`;
      return {
        code: 422,
        body: status(422, 'Invalid', message, { name: obj.metadata?.name, group: req.rt.group, kind: req.rt.kind, causes }),
      };
    }
    const denial = this.denials.find((d) => d.denies(obj, op));
    if (denial)
      return { code: 403, body: status(403, 'Forbidden', `admission webhook "${denial.webhook}" denied the request: ${denial.message}`) };
    return undefined;
  }

  private preview(req: OperationRequest, obj: KObject, live: KObject | undefined): KObject {
    const out = structuredClone(obj);
    out.apiVersion = groupVersion(req.rt);
    out.kind = req.rt.kind;
    out.metadata.uid = live?.metadata.uid ?? '00000000-0000-0000-0000-000000000000';
    out.metadata.resourceVersion = live?.metadata.resourceVersion ?? '';
    out.metadata.creationTimestamp = live?.metadata.creationTimestamp ?? new Date().toISOString();
    out.metadata.generation = this.generation(live, out);
    return out;
  }

  private generation(live: KObject | undefined, next: KObject): number {
    if (!live) return 1;
    const before = (live.metadata.generation as number | undefined) ?? 1;
    return JSON.stringify(live.spec) === JSON.stringify(next.spec) ? before : before + 1;
  }

  private store(
    req: OperationRequest,
    reply: (code: number, body: unknown) => void,
    dryRun: boolean,
    live: KObject | undefined,
    next: KObject,
    code: number,
  ): boolean {
    if (req.rt.namespaced) next.metadata.namespace = req.namespace;
    next.metadata.name = req.name!;
    const problem = this.check(req, next, live ? 'UPDATE' : 'CREATE');
    if (problem) {
      reply(problem.code, problem.body);
      return true;
    }
    const out = this.preview(req, next, live);
    if (dryRun) {
      reply(code, out);
      return true;
    }
    if (!live) {
      delete (out.metadata as { uid?: string }).uid;
      delete (out.metadata as { creationTimestamp?: string }).creationTimestamp;
    }
    const stored = this.server.put(out);
    const templateChanged = !live || JSON.stringify(at(live, 'spec.template')) !== JSON.stringify(at(stored, 'spec.template'));
    if (req.rt.kind === 'Deployment' && templateChanged) {
      this.reconcileDeployment(stored.metadata.namespace ?? 'default', stored.metadata.name);
      reply(code, this.server.get('apps/v1', 'Deployment', stored.metadata.namespace, stored.metadata.name));
      return true;
    }
    reply(code, stored);
    return true;
  }
}
