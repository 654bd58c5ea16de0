/**
 * What environment parity compares, as plain data with ranges: the containers of Kubernetes
 * workloads and the services of Compose files. Both are kept in the workspace index (so the check
 * runs from either side without reading the other file) and built from the linted document itself.
 */
import type { LineIndex } from '../engine/text';
import type { Range } from '../engine/types';
import { parseImage } from '../k8s/image';
import { objectSites } from '../k8s/pod';
import type { ComposeModel } from '../compose/model';
import type { ParsedDocument } from '../engine/rule';
import { findPair, keyRange, nodeRange, scalarString, type ManifestObject, type YamlDocument } from '../parse/yaml';
import { isMap, isSeq, type Node } from 'yaml';

/** The label or annotation that names a workload's Compose service by hand. */
export const PAIR_LABEL = 'shipshape.io/compose-service';

/** An image reference split for comparison: `docker.io/library/redis` and `redis` are one repository. */
export interface ImageFacts {
  readonly repo: string;
  /** Undefined when the reference has no tag (and no digest). */
  readonly tag: string | undefined;
  readonly digest: boolean;
  readonly range: Range;
}

/** A name (env var) or number (port) and where it is written. */
export interface Placed<T> {
  readonly value: T;
  readonly range: Range;
}

/** One container of a Kubernetes workload. */
export interface ContainerFacts {
  readonly uri: string;
  /** `Deployment/web` style, for messages. */
  readonly workload: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string | undefined;
  readonly container: string | undefined;
  /** The container's `name` value (or its mapping when unnamed). */
  readonly anchor: Range;
  /** The service named by a `shipshape.io/compose-service` label or annotation, if any. */
  readonly pairLabel: string | undefined;
  readonly image: ImageFacts | undefined;
  readonly env: readonly Placed<string>[];
  /** `envFrom` is used: the variable names are not all known. */
  readonly envFrom: boolean;
  readonly ports: readonly Placed<number>[];
  readonly readinessProbe: Range | undefined;
  /** The `command` key, or else the `args` key. */
  readonly command: Range | undefined;
}

/** One service of a Compose file. */
export interface ServiceFacts {
  readonly uri: string;
  readonly name: string;
  readonly keyRange: Range;
  readonly image: ImageFacts | undefined;
  /** Whether the service builds its image (`build:`). */
  readonly build: boolean;
  readonly env: readonly Placed<string>[];
  /** `env_file` is used: the variable names are not all known. */
  readonly envFile: boolean;
  /** Container ports (published or exposed), single numbers only. */
  readonly ports: readonly Placed<number>[];
  /** The `healthcheck` key, when the healthcheck is not disabled. */
  readonly healthcheck: Range | undefined;
  /** The `entrypoint` key, or else the `command` key. */
  readonly command: Range | undefined;
}

/** Splits an image reference for comparison; undefined when it is templated or interpolated. */
export function imageFacts(ref: string, range: Range): ImageFacts | undefined {
  if (!ref || ref.includes('{{') || ref.includes('${') || ref.includes('$')) return undefined;
  const p = parseImage(ref);
  const registry = p.registry === 'docker.io' || p.registry === 'index.docker.io' ? undefined : p.registry;
  const repository = registry === undefined && p.repository.startsWith('library/') ? p.repository.slice(8) : p.repository;
  return { repo: registry ? `${registry}/${repository}` : repository, tag: p.tag, digest: p.digest !== undefined, range };
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod', 'Rollout']);

function pairLabelOf(value: unknown, kind: string): string | undefined {
  const meta = (v: unknown): Record<string, unknown>[] => {
    const m = v && typeof v === 'object' ? ((v as Record<string, unknown>).metadata as Record<string, unknown> | undefined) : undefined;
    return m ? [m.labels, m.annotations].filter((x): x is Record<string, unknown> => !!x && typeof x === 'object') : [];
  };
  const spec = (value as { spec?: Record<string, unknown> } | undefined)?.spec;
  const template = kind === 'CronJob' ? (spec?.jobTemplate as { spec?: { template?: unknown } })?.spec?.template : spec?.template;
  for (const m of [...meta(value), ...meta(template)]) {
    const v = m[PAIR_LABEL];
    if (typeof v === 'string' && v) return v;
  }
  return undefined;
}

function placedNames(lines: LineIndex, seq: Node | null | undefined, key: string): Placed<string>[] {
  if (!isSeq(seq)) return [];
  const out: Placed<string>[] = [];
  for (const item of seq.items) {
    const node = findPair(item, key)?.value;
    const value = scalarString(node);
    const range = nodeRange(lines, node);
    if (value !== undefined && range) out.push({ value, range });
  }
  return out;
}

/** The containers (not init containers) of every workload of a manifest document. */
export function containerFacts(doc: YamlDocument, uri: string): ContainerFacts[] {
  const out: ContainerFacts[] = [];
  for (const obj of doc.objects) {
    let hit = factsByObject.get(obj);
    if (hit?.uri !== uri) factsByObject.set(obj, (hit = { uri, facts: objectFacts(doc, obj, uri) }));
    out.push(...hit.facts);
  }
  return out;
}

/**
 * Facts by parsed object: an edit of a long manifest keeps the objects (and their positions) of the
 * documents before the one it changed, so only the others are read again.
 */
const factsByObject = new WeakMap<ManifestObject, { readonly uri: string; readonly facts: readonly ContainerFacts[] }>();

function objectFacts(doc: YamlDocument, obj: ManifestObject, uri: string): ContainerFacts[] {
  const out: ContainerFacts[] = [];
  for (const site of objectSites(obj)) {
    const kind = site.obj.kind;
    if (site.field !== 'containers' || !kind || !WORKLOAD_KINDS.has(kind) || !site.obj.name) continue;
    const c = site.node;
    const lines = doc.lines;
    const imageNode = findPair(c, 'image')?.value;
    const imageRange = nodeRange(lines, imageNode);
    const imageRef = scalarString(imageNode);
    const anchor = nodeRange(lines, findPair(c, 'name')?.value) ?? nodeRange(lines, c);
    if (!anchor) continue;
    const ports: Placed<number>[] = [];
    const portSeq = findPair(c, 'ports')?.value;
    if (isSeq(portSeq))
      for (const p of portSeq.items) {
        const node = findPair(p, 'containerPort')?.value;
        const n = Number(scalarString(node));
        const range = nodeRange(lines, node);
        if (Number.isInteger(n) && range) ports.push({ value: n, range });
      }
    out.push({
      uri,
      workload: `${kind}/${site.obj.name}`,
      kind,
      name: site.obj.name,
      namespace: site.obj.namespace,
      container: site.name,
      anchor,
      pairLabel: pairLabelOf(site.obj.value, kind),
      image: imageRef && imageRange ? imageFacts(imageRef, imageRange) : undefined,
      env: placedNames(lines, findPair(c, 'env')?.value, 'name'),
      envFrom: isSeq(findPair(c, 'envFrom')?.value),
      ports,
      readinessProbe: isMap(findPair(c, 'readinessProbe')?.value) ? keyRange(lines, c, 'readinessProbe') : undefined,
      command: keyRange(lines, c, 'command') ?? keyRange(lines, c, 'args'),
    });
  }
  return out;
}

/** The services of a Compose file. */
export function serviceFacts(model: ComposeModel, uri: string): ServiceFacts[] {
  return model.services.map((s) => {
    const ports: Placed<number>[] = [];
    for (const p of s.ports) {
      const n = Number(p.containerPort);
      if (p.containerPort !== undefined && Number.isInteger(n)) ports.push({ value: n, range: p.range });
    }
    return {
      uri,
      name: s.name,
      keyRange: s.keyRange,
      image: s.image && !s.image.interpolated ? imageFacts(s.image.ref, s.image.range) : undefined,
      build: s.build !== undefined,
      env: s.environment.map((e) => ({ value: e.name, range: e.nameRange })),
      envFile: s.envFiles.length > 0,
      ports,
      healthcheck: s.healthcheck && !s.healthcheck.disabled ? s.healthcheck.keyRange : undefined,
      command: s.entrypoint?.keyRange ?? s.command?.keyRange,
    };
  });
}

/** The parity facts of a document for its index entry: undefined when it has none. */
export function parityFacts(
  doc: ParsedDocument | undefined,
  uri: string,
): { containers: ContainerFacts[] } | { services: ServiceFacts[] } | undefined {
  if (doc?.kind === 'manifest') {
    const containers = containerFacts(doc, uri);
    return containers.length ? { containers } : undefined;
  }
  if (doc?.kind === 'compose' && 'model' in doc) {
    const services = serviceFacts(doc.model, uri);
    return services.length ? { services } : undefined;
  }
  return undefined;
}
