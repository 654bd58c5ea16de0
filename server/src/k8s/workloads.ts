import { isMap, isSeq, type YAMLMap } from 'yaml';
import { getIn, type ManifestObject } from '../parse/yaml';
import { POD_SPEC_PATH } from './pod-spec-path';

/** Kinds that run pods. */
export const WORKLOAD_KINDS = Object.keys(POD_SPEC_PATH);

/** The pod spec mapping of a workload object, if it has one. */
export function podSpecOf(obj: ManifestObject): { node: YAMLMap; path: readonly string[] } | undefined {
  const hit = specs.get(obj);
  if (hit !== undefined) return hit ?? undefined;
  const p = obj.kind ? POD_SPEC_PATH[obj.kind] : undefined;
  const node = p ? getIn(obj.root, p) : undefined;
  const spec = p && isMap(node) ? { node, path: p } : undefined;
  specs.set(obj, spec ?? null);
  return spec;
}

/**
 * Pod specs by object. Parsed objects are read-only, and an edit of a long manifest keeps the
 * objects of the documents it did not touch: each rule asks, and only new objects are looked at.
 */
const specs = new WeakMap<ManifestObject, { node: YAMLMap; path: readonly string[] } | null>();

/** One container (or init/ephemeral container) of a workload. */
export interface ContainerRef {
  readonly node: YAMLMap;
  readonly field: 'containers' | 'initContainers' | 'ephemeralContainers';
  readonly index: number;
}

/** Every container mapping of a workload's pod spec. */
export function containersOf(obj: ManifestObject): ContainerRef[] {
  const spec = podSpecOf(obj);
  if (!spec) return [];
  const out: ContainerRef[] = [];
  for (const field of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    const seq = getIn(spec.node, [field]);
    if (!isSeq(seq)) continue;
    seq.items.forEach((item, index) => {
      if (isMap(item)) out.push({ node: item, field, index });
    });
  }
  return out;
}
