/**
 * A built-in kustomize for the common subset, used when neither `kustomize` nor `kubectl` is
 * available (or the workspace is not trusted): resources (files and kustomization folders),
 * namePrefix/nameSuffix, namespace, commonLabels/labels, images, patches (strategic merge and
 * JSON 6902, by path or inline, with targets), and configMapGenerator/secretGenerator with
 * content hashes and the references to them updated. Every object keeps the file it came from, so
 * findings on the output can be mapped back to the overlay's sources.
 *
 * Plain code: files are read through {@link KustomizeFiles}; nothing here runs a program.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { parseAllDocuments, stringify as toYaml } from 'yaml';

/** How the builder reads files (the real file system in the server, a map in tests). */
export interface KustomizeFiles {
  /** The file's text, or undefined when it is not a readable regular file. */
  read(file: string): string | undefined;
  isDirectory(dir: string): boolean;
}

type Json = Record<string, unknown>;

/** Where an output object came from: a document of a resource file, or a generator of a kustomization. */
export interface ObjectSource {
  file: string;
  /** Index of the YAML document in `file` (resources), or undefined for generated objects. */
  document?: number;
}

/** One object of the build output. */
export interface BuiltObject {
  object: Json;
  source: ObjectSource;
}

/** A problem found while building, placed on the kustomization it belongs to. */
export interface BuildProblem {
  file: string;
  message: string;
}

/** The build of one overlay. */
export interface KustomizeBuild {
  objects: BuiltObject[];
  problems: BuildProblem[];
}

const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** The kustomization file of a folder, if it has one. */
export function kustomizationFile(dir: string, files: KustomizeFiles): string | undefined {
  return KUSTOMIZATION_NAMES.map((n) => path.join(dir, n)).find((f) => files.read(f) !== undefined);
}

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const meta = (o: Json): Json => (isObj(o.metadata) ? o.metadata : (o.metadata = {}));
const nameOf = (o: Json): string => String(meta(o).name ?? '');
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Builds the overlay in `dir` (a folder with a kustomization file). */
export function buildKustomization(dir: string, files: KustomizeFiles): KustomizeBuild {
  const problems: BuildProblem[] = [];
  const objects = build(dir, files, problems, new Set());
  // Hash suffixes and the references to renamed objects are settled once, on the final names.
  const renames = new Map<string, string>();
  for (const { object } of objects) {
    const o = object as Tagged;
    if (o[NEEDS_HASH]) {
      o[ORIGINAL] ??= nameOf(object);
      meta(object).name = `${nameOf(object)}-${contentHash(object)}`;
    }
    if (o[ORIGINAL] !== undefined && o[ORIGINAL] !== nameOf(object)) renames.set(`${String(object.kind)}/${o[ORIGINAL]}`, nameOf(object));
  }
  for (const { object } of objects) {
    renameReferences(object, renames);
    delete (object as Tagged)[ORIGINAL];
    delete (object as Tagged)[NEEDS_HASH];
  }
  return { objects: sortLegacy(objects), problems };
}

function build(dir: string, files: KustomizeFiles, problems: BuildProblem[], seen: Set<string>): BuiltObject[] {
  const kfile = kustomizationFile(dir, files);
  if (!kfile) {
    problems.push({ file: dir, message: `${dir} has no kustomization.yaml.` });
    return [];
  }
  if (seen.has(kfile)) {
    problems.push({ file: kfile, message: `${kfile} includes itself (a cycle of resources).` });
    return [];
  }
  seen = new Set([...seen, kfile]);
  const docs = parseAllDocuments(files.read(kfile)!);
  const k = (docs[0]?.toJS() ?? {}) as Json;
  const out: BuiltObject[] = [];
  for (const r of Array.isArray(k.resources) ? k.resources : []) {
    if (typeof r !== 'string') continue;
    if (/^[a-z]+:\/\//i.test(r) || r.startsWith('git@')) {
      problems.push({ file: kfile, message: `Remote resource ${r} is not fetched by the built-in builder; install kustomize or kubectl.` });
      continue;
    }
    const p = path.resolve(dir, r);
    if (files.isDirectory(p)) out.push(...build(p, files, problems, seen));
    else {
      const text = files.read(p);
      if (text === undefined) problems.push({ file: kfile, message: `Resource ${r} does not exist.` });
      else out.push(...parseObjects(p, text));
    }
  }
  for (const [kind, key] of [
    ['ConfigMap', 'configMapGenerator'],
    ['Secret', 'secretGenerator'],
  ] as const) {
    for (const g of Array.isArray(k[key]) ? k[key] : []) {
      if (!isObj(g) || typeof g.name !== 'string') continue;
      const data = generatorData(dir, g, files, problems, kfile);
      const object: Json = { apiVersion: 'v1', kind, metadata: { name: g.name } };
      if (str(g.namespace)) meta(object).namespace = g.namespace;
      if (kind === 'Secret') {
        object.type = str(g.type) ?? 'Opaque';
        object.data = Object.fromEntries(Object.entries(data).map(([a, b]) => [a, Buffer.from(b).toString('base64')]));
      } else object.data = data;
      const options = isObj(g.options) ? g.options : isObj(k.generatorOptions) ? k.generatorOptions : {};
      if (isObj(options.labels)) meta(object).labels = { ...options.labels };
      if (isObj(options.annotations)) meta(object).annotations = { ...options.annotations };
      if (options.disableNameSuffixHash !== true) (object as Tagged)[NEEDS_HASH] = true;
      out.push({ object, source: { file: kfile } });
    }
  }
  for (const p of Array.isArray(k.patchesStrategicMerge) ? k.patchesStrategicMerge : [])
    if (typeof p === 'string') applyPatch(out, { path: p }, dir, files, problems, kfile);
  for (const p of Array.isArray(k.patches) ? k.patches : []) if (isObj(p)) applyPatch(out, p, dir, files, problems, kfile);
  for (const p of Array.isArray(k.patchesJson6902) ? k.patchesJson6902 : [])
    if (isObj(p)) applyPatch(out, p, dir, files, problems, kfile, true);

  const prefix = str(k.namePrefix) ?? '';
  const suffix = str(k.nameSuffix) ?? '';
  const namespace = str(k.namespace);
  for (const { object } of out) {
    const m = meta(object);
    if (namespace && !CLUSTER_SCOPED.has(String(object.kind))) m.namespace = namespace;
    if ((prefix || suffix) && object.kind !== 'Namespace' && object.kind !== 'CustomResourceDefinition') {
      const before = nameOf(object);
      (object as Tagged)[ORIGINAL] ??= before;
      m.name = `${prefix}${before}${suffix}`;
    }
  }
  const common = isObj(k.commonLabels) ? (k.commonLabels as Record<string, string>) : undefined;
  if (common) for (const { object } of out) addLabels(object, common, true);
  for (const l of Array.isArray(k.labels) ? k.labels : []) {
    if (!isObj(l) || !isObj(l.pairs)) continue;
    for (const { object } of out)
      addLabels(object, l.pairs as Record<string, string>, l.includeSelectors === true, l.includeTemplates === true);
  }
  if (isObj(k.commonAnnotations))
    for (const { object } of out) meta(object).annotations = { ...(meta(object).annotations as Json | undefined), ...k.commonAnnotations };
  for (const img of Array.isArray(k.images) ? k.images : []) if (isObj(img)) for (const { object } of out) setImages(object, img);
  return out;
}

/** The name an object had in its own file, before this build renamed it (kept off the output). */
const ORIGINAL = Symbol('original name');
/** Set on generated objects that get a content-hash suffix. */
const NEEDS_HASH = Symbol('needs hash');
type Tagged = Json & { [ORIGINAL]?: string; [NEEDS_HASH]?: boolean };

const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'StorageClass',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PriorityClass',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'IngressClass',
  'RuntimeClass',
  'APIService',
]);

function parseObjects(file: string, text: string): BuiltObject[] {
  const out: BuiltObject[] = [];
  parseAllDocuments(text).forEach((doc, i) => {
    if (doc.errors.length) return;
    const o = doc.toJS() as unknown;
    if (isObj(o) && typeof o.kind === 'string') {
      if (o.kind.endsWith('List') && Array.isArray(o.items)) {
        for (const item of o.items) if (isObj(item)) out.push({ object: item, source: { file, document: i } });
      } else out.push({ object: o, source: { file, document: i } });
    }
  });
  return out;
}

function generatorData(dir: string, g: Json, files: KustomizeFiles, problems: BuildProblem[], kfile: string): Record<string, string> {
  const data: Record<string, string> = {};
  const envLine = (line: string): void => {
    const t = line.trim();
    if (!t || t.startsWith('#')) return;
    const eq = t.indexOf('=');
    if (eq > 0) data[t.slice(0, eq)] = t.slice(eq + 1).replace(/^"(.*)"$/, '$1');
    else problems.push({ file: kfile, message: `"${t}" is not KEY=VALUE.` });
  };
  for (const l of Array.isArray(g.literals) ? g.literals : []) if (typeof l === 'string') envLine(l);
  for (const e of [...(Array.isArray(g.envs) ? g.envs : []), ...(typeof g.env === 'string' ? [g.env] : [])]) {
    const text = typeof e === 'string' ? files.read(path.resolve(dir, e)) : undefined;
    if (text === undefined) problems.push({ file: kfile, message: `Env file ${String(e)} does not exist.` });
    else text.split(/\r?\n/).forEach(envLine);
  }
  for (const f of Array.isArray(g.files) ? g.files : []) {
    if (typeof f !== 'string') continue;
    const eq = f.indexOf('=');
    const [key, rel] = eq > 0 ? [f.slice(0, eq), f.slice(eq + 1)] : [path.basename(f), f];
    const text = files.read(path.resolve(dir, rel));
    if (text === undefined) problems.push({ file: kfile, message: `File ${rel} does not exist.` });
    else data[key] = text;
  }
  return data;
}

/** kustomize's name hash: SHA-256 of the sorted-key JSON of the object's identity and data, 10 characters re-lettered. */
export function contentHash(o: Json): string {
  // kustomize encodes the name as empty (it hashes before the generated name is set); only content counts.
  const m: Json = { kind: o.kind, name: '', data: o.data ?? {} };
  if (o.kind === 'Secret') m.type = o.type ?? 'Opaque';
  if (isObj(o.binaryData) && Object.keys(o.binaryData).length) m.binaryData = o.binaryData;
  const json = goJson(m);
  const hex = createHash('sha256').update(json).digest('hex');
  const map: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  return [...hex.slice(0, 10)].map((c) => map[c] ?? c).join('');
}

/** JSON as Go's encoding/json writes it: map keys sorted, `<`, `>` and `&` escaped. */
function goJson(v: unknown): string {
  const sorted = (x: unknown): unknown =>
    isObj(x)
      ? Object.fromEntries(
          Object.keys(x)
            .sort()
            .map((k) => [k, sorted(x[k])]),
        )
      : Array.isArray(x)
        ? x.map(sorted)
        : x;
  return JSON.stringify(sorted(v)).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'ReplicationController']);

function addLabels(o: Json, labels: Record<string, string>, selectors: boolean, templates = selectors): void {
  const m = meta(o);
  m.labels = { ...(m.labels as Json | undefined), ...labels };
  const spec = isObj(o.spec) ? o.spec : undefined;
  if (!spec) return;
  if (selectors && o.kind === 'Service') spec.selector = { ...(spec.selector as Json | undefined), ...labels };
  if (WORKLOADS.has(String(o.kind)) || o.kind === 'CronJob') {
    const podHolder = o.kind === 'CronJob' ? (spec.jobTemplate as Json | undefined)?.spec : spec;
    if (selectors && o.kind !== 'CronJob' && o.kind !== 'Job') {
      const sel = isObj(spec.selector) ? spec.selector : (spec.selector = {});
      sel.matchLabels = { ...(sel.matchLabels as Json | undefined), ...labels };
    }
    if (templates && isObj(podHolder) && isObj(podHolder.template)) {
      const tm = meta(podHolder.template);
      tm.labels = { ...(tm.labels as Json | undefined), ...labels };
    }
  }
}

/** The pod specs of a workload (or a Pod). */
function podSpecs(o: Json): Json[] {
  const spec = isObj(o.spec) ? o.spec : undefined;
  if (!spec) return [];
  if (o.kind === 'Pod') return [spec];
  const holder = o.kind === 'CronJob' ? (isObj(spec.jobTemplate) ? spec.jobTemplate.spec : undefined) : spec;
  const t = isObj(holder) && isObj(holder.template) ? holder.template.spec : undefined;
  return isObj(t) ? [t] : [];
}

function containers(ps: Json): Json[] {
  return [...(Array.isArray(ps.containers) ? ps.containers : []), ...(Array.isArray(ps.initContainers) ? ps.initContainers : [])].filter(
    isObj,
  );
}

function setImages(o: Json, img: Json): void {
  const name = str(img.name);
  if (!name) return;
  for (const ps of podSpecs(o)) {
    for (const c of containers(ps)) {
      const image = str(c.image);
      if (!image) continue;
      const at = image.indexOf('@');
      const base = at >= 0 ? image.slice(0, at) : image;
      const colon = base.lastIndexOf(':');
      const repo = colon > base.lastIndexOf('/') ? base.slice(0, colon) : base;
      if (repo !== name) continue;
      const tag = colon > base.lastIndexOf('/') ? base.slice(colon + 1) : undefined;
      const digest = at >= 0 ? image.slice(at + 1) : undefined;
      const newRepo = str(img.newName) ?? repo;
      if (str(img.digest)) c.image = `${newRepo}@${String(img.digest)}`;
      else if (img.newTag !== undefined) c.image = `${newRepo}:${String(img.newTag)}`;
      else c.image = `${newRepo}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
    }
  }
}

function renameReferences(o: Json, renames: Map<string, string>): void {
  const rename = (kind: string, holder: unknown, key: string): void => {
    if (!isObj(holder) || typeof holder[key] !== 'string') return;
    const to = renames.get(`${kind}/${holder[key]}`);
    if (to) holder[key] = to;
  };
  for (const ps of podSpecs(o)) {
    for (const v of Array.isArray(ps.volumes) ? ps.volumes : []) {
      if (!isObj(v)) continue;
      rename('ConfigMap', v.configMap, 'name');
      rename('Secret', v.secret, 'secretName');
      if (isObj(v.projected) && Array.isArray(v.projected.sources))
        for (const s of v.projected.sources) {
          if (!isObj(s)) continue;
          rename('ConfigMap', s.configMap, 'name');
          rename('Secret', s.secret, 'name');
        }
    }
    for (const s of Array.isArray(ps.imagePullSecrets) ? ps.imagePullSecrets : []) rename('Secret', s, 'name');
    rename('ServiceAccount', ps, 'serviceAccountName');
    for (const c of containers(ps)) {
      for (const e of Array.isArray(c.env) ? c.env : []) {
        if (!isObj(e) || !isObj(e.valueFrom)) continue;
        rename('ConfigMap', e.valueFrom.configMapKeyRef, 'name');
        rename('Secret', e.valueFrom.secretKeyRef, 'name');
      }
      for (const e of Array.isArray(c.envFrom) ? c.envFrom : []) {
        if (!isObj(e)) continue;
        rename('ConfigMap', e.configMapRef, 'name');
        rename('Secret', e.secretRef, 'name');
      }
    }
  }
  if (o.kind === 'Ingress' && isObj(o.spec)) {
    for (const t of Array.isArray(o.spec.tls) ? o.spec.tls : []) rename('Secret', t, 'secretName');
    const backends: unknown[] = [o.spec.defaultBackend];
    for (const r of Array.isArray(o.spec.rules) ? o.spec.rules : [])
      if (isObj(r) && isObj(r.http) && Array.isArray(r.http.paths)) for (const p of r.http.paths) if (isObj(p)) backends.push(p.backend);
    for (const b of backends) if (isObj(b)) rename('Service', b.service, 'name');
  }
  if ((o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding') && isObj(o.roleRef)) rename(String(o.roleRef.kind), o.roleRef, 'name');
  if (o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding')
    for (const s of Array.isArray(o.subjects) ? o.subjects : [])
      if (isObj(s) && s.kind === 'ServiceAccount') rename('ServiceAccount', s, 'name');
  if (o.kind === 'HorizontalPodAutoscaler' && isObj(o.spec))
    rename(String((o.spec.scaleTargetRef as Json | undefined)?.kind), o.spec.scaleTargetRef, 'name');
  if (o.kind === 'StatefulSet' && isObj(o.spec)) rename('Service', o.spec, 'serviceName');
}

function matchesTarget(o: Json, t: Json | undefined): boolean {
  if (!t) return true;
  const m = meta(o);
  const orig = (o as Tagged)[ORIGINAL] ?? nameOf(o);
  const re = (pattern: unknown, value: string): boolean => {
    if (typeof pattern !== 'string') return true;
    // kustomize targets are anchored regular expressions over short names; patterns come from the user's own files.
    try {
      return new RegExp(`^(?:${pattern})$`).test(value);
    } catch {
      return pattern === value;
    }
  };
  const [group, version] = String(o.apiVersion ?? '').includes('/') ? String(o.apiVersion).split('/') : ['', String(o.apiVersion ?? '')];
  if (t.group !== undefined && t.group !== group) return false;
  if (t.version !== undefined && t.version !== version) return false;
  if (!re(t.kind, String(o.kind)) || !re(t.namespace, String(m.namespace ?? ''))) return false;
  if (t.name !== undefined && !re(t.name, nameOf(o)) && !re(t.name, orig)) return false;
  if (typeof t.labelSelector === 'string') {
    const labels = (m.labels ?? {}) as Record<string, string>;
    for (const part of t.labelSelector.split(',')) {
      const [k, v] = part.split('=').map((x) => x.trim());
      if (v === undefined ? !(k in labels) : labels[k] !== v) return false;
    }
  }
  return true;
}

function applyPatch(
  out: BuiltObject[],
  p: Json,
  dir: string,
  files: KustomizeFiles,
  problems: BuildProblem[],
  kfile: string,
  json6902 = false,
): void {
  let text: string | undefined;
  if (typeof p.patch === 'string') text = p.patch;
  else if (typeof p.path === 'string') {
    text = files.read(path.resolve(dir, p.path));
    if (text === undefined) return void problems.push({ file: kfile, message: `Patch ${p.path} does not exist.` });
  } else return;
  const target = isObj(p.target) ? p.target : undefined;
  const docs = parseAllDocuments(text)
    .filter((d) => !d.errors.length)
    .map((d) => d.toJS() as unknown);
  const first = docs[0];
  if (json6902 || Array.isArray(first)) {
    if (!target) return void problems.push({ file: kfile, message: 'A JSON 6902 patch needs a target.' });
    const ops = Array.isArray(first) ? first : [];
    let hit = false;
    for (const o of out)
      if (matchesTarget(o.object, target)) {
        hit = true;
        for (const op of ops) if (isObj(op)) applyJsonOp(o.object, op, problems, kfile);
      }
    if (!hit) problems.push({ file: kfile, message: `No resource matches the patch target ${goJson(target)}.` });
    return;
  }
  for (const patch of docs) {
    if (!isObj(patch)) continue;
    const self = target ? undefined : { kind: patch.kind, name: (patch.metadata as Json | undefined)?.name };
    const hits = out.filter((o) => matchesTarget(o.object, target ?? self));
    if (!hits.length)
      problems.push({
        file: kfile,
        message: `No resource matches the patch for ${String(patch.kind)} ${String((patch.metadata as Json | undefined)?.name)}.`,
      });
    for (const o of hits) {
      const keep = { apiVersion: o.object.apiVersion, kind: o.object.kind, name: nameOf(o.object) };
      const merged = strategicMerge(o.object, patch) as Json;
      for (const k of Object.keys(o.object)) if (!(k in merged)) delete o.object[k];
      Object.assign(o.object, merged, { apiVersion: keep.apiVersion, kind: keep.kind });
      meta(o.object).name = keep.name;
    }
  }
}

/** Lists of these keys merge their items by `name` (containers, ports by containerPort …), as the strategic merge does. */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  env: 'name',
  ports: 'containerPort',
  imagePullSecrets: 'name',
  tolerations: 'key',
};

function strategicMerge(base: unknown, patch: unknown, key?: string): unknown {
  if (patch === null) return undefined;
  if (isObj(base) && isObj(patch)) {
    if (patch.$patch === 'delete') return undefined;
    if (patch.$patch === 'replace') {
      const rest = { ...patch };
      delete rest.$patch;
      return rest;
    }
    const out: Json = { ...base };
    for (const [k, v] of Object.entries(patch)) {
      const merged = strategicMerge(base[k], v, k);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    }
    // A map the patch emptied goes away, as in kustomize's output.
    return Object.keys(out).length === 0 && Object.keys(base).length > 0 ? undefined : out;
  }
  if (Array.isArray(base) && Array.isArray(patch) && key) {
    const mk = key === 'ports' && base.some((x) => isObj(x) && 'port' in x && !('containerPort' in x)) ? 'port' : MERGE_KEYS[key];
    if (mk && patch.every((x) => isObj(x) && mk in x)) {
      const out = [...base];
      for (const item of patch as Json[]) {
        const i = out.findIndex((b) => isObj(b) && b[mk] === item[mk]);
        if (item.$patch === 'delete') {
          if (i >= 0) out.splice(i, 1);
        } else if (i >= 0) out[i] = strategicMerge(out[i], item);
        else out.push(item);
      }
      return out;
    }
  }
  return structuredClone(patch);
}

function pointer(p: string): string[] {
  return p
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function applyJsonOp(o: Json, op: Json, problems: BuildProblem[], kfile: string): void {
  const segs = pointer(String(op.path ?? ''));
  const last = segs.pop();
  let at: unknown = o;
  for (const s of segs) at = Array.isArray(at) ? at[Number(s)] : isObj(at) ? at[s] : undefined;
  const fail = (): void =>
    void problems.push({
      file: kfile,
      message: `JSON patch ${String(op.op)} ${String(op.path)}: the path does not exist in ${String(o.kind)} ${nameOf(o)}.`,
    });
  if (last === undefined || (!isObj(at) && !Array.isArray(at))) return fail();
  const value = structuredClone(op.value);
  if (Array.isArray(at)) {
    const i = last === '-' ? at.length : Number(last);
    if (op.op === 'add') at.splice(i, 0, value);
    else if (op.op === 'replace' && i < at.length) at[i] = value;
    else if (op.op === 'remove' && i < at.length) at.splice(i, 1);
    else fail();
    return;
  }
  if (op.op === 'add') at[last] = value;
  else if (op.op === 'replace' && last in at) at[last] = value;
  else if (op.op === 'remove' && last in at) delete at[last];
  else fail();
}

/** kustomize's default ("legacy") output order: by kind, then name. */
const ORDER_FIRST = [
  'Namespace',
  'ResourceQuota',
  'StorageClass',
  'CustomResourceDefinition',
  'ServiceAccount',
  'PodSecurityPolicy',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'ConfigMap',
  'Secret',
  'Endpoints',
  'Service',
  'LimitRange',
  'PriorityClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'Deployment',
  'StatefulSet',
  'CronJob',
  'PodDisruptionBudget',
];
const ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

function sortLegacy(objects: BuiltObject[]): BuiltObject[] {
  const rank = (kind: string): number => {
    const f = ORDER_FIRST.indexOf(kind);
    if (f >= 0) return f;
    const l = ORDER_LAST.indexOf(kind);
    return l >= 0 ? 1000 + l : 500;
  };
  const key = (o: Json): string => `${String(o.apiVersion)}|${String(o.kind)}|${String(meta(o).namespace ?? '')}|${nameOf(o)}`;
  return objects
    .map((o, i) => ({ o, i }))
    .sort((a, b) => {
      const r = rank(String(a.o.object.kind)) - rank(String(b.o.object.kind));
      if (r) return r;
      const ka = key(a.o.object);
      const kb = key(b.o.object);
      return ka < kb ? -1 : ka > kb ? 1 : a.i - b.i;
    })
    .map((x) => x.o);
}

/** The build output as multi-document YAML, with where each document starts (for mapping findings back). */
export function buildText(b: KustomizeBuild): { text: string; starts: number[] } {
  let text = '';
  const starts: number[] = [];
  b.objects.forEach((o, i) => {
    if (i) text += '---\n';
    starts.push(text.length);
    text += toYaml(o.object, { lineWidth: 0 });
  });
  return { text, starts };
}
