/** Schemas of custom resources, converted from the `openAPIV3Schema` of CustomResourceDefinitions. */
import type { WorkspaceView } from '../../engine/workspace';
import { builtinSchema, type ObjectSchema, type SchemaNode } from './model';

type Json = Record<string, unknown>;

function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const ANY: SchemaNode = { t: 'any' };
/** Guards against pathological (or recursive-by-alias) schemas. */
const MAX_DEPTH = 64;

/** Converts one JSON-schema node of a structural CRD schema; lenient wherever the schema is. */
export function fromJsonSchema(s: unknown, name: string, depth = 0): SchemaNode {
  if (!isObj(s) || depth > MAX_DEPTH) return ANY;
  if (s['x-kubernetes-int-or-string'] === true) return { t: 'int-or-string' };
  if (s['x-kubernetes-embedded-resource'] === true) return ANY;
  const type = s.type;
  const props = isObj(s.properties) ? s.properties : undefined;
  if (type === undefined && !props) {
    const alts = [s.anyOf, s.oneOf].find(Array.isArray) as unknown[] | undefined;
    if (alts) {
      const types = new Set(alts.map((a) => (isObj(a) ? a.type : undefined)));
      if (types.size === 2 && types.has('integer') && types.has('string')) return { t: 'int-or-string' };
    }
    if (Array.isArray(s.items) || isObj(s.items)) return { t: 'array', items: fromJsonSchema(s.items, name, depth + 1) };
    return ANY;
  }
  if (Array.isArray(s.enum) && s.enum.length > 0 && s.enum.every((e) => typeof e === 'string') && (type === 'string' || type === undefined))
    return { t: 'enum', values: s.enum as string[] };
  switch (type) {
    case 'string':
      if (s.format === 'int-or-string') return { t: 'int-or-string' };
      if (s.format === 'date-time') return { t: 'time' };
      return { t: 'string' };
    case 'integer':
      return { t: 'integer' };
    case 'number':
      return { t: 'number' };
    case 'boolean':
      return { t: 'boolean' };
    case 'array':
      return { t: 'array', items: fromJsonSchema(s.items, name, depth + 1) };
    case 'object':
    case undefined:
      break;
    default:
      return ANY;
  }
  const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
  if (!props) {
    if (isObj(s.additionalProperties)) return { t: 'map', values: fromJsonSchema(s.additionalProperties, name, depth + 1) };
    return ANY;
  }
  const map = new Map<string, SchemaNode>();
  const docs = new Map<string, string>();
  for (const [k, v] of Object.entries(props)) {
    map.set(k, fromJsonSchema(v, `${name}.${k}`, depth + 1));
    if (isObj(v) && typeof v.description === 'string') docs.set(k, v.description);
  }
  const required = Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === 'string') : [];
  return {
    t: 'object',
    name,
    props: map,
    required,
    open: preserve || s.additionalProperties === true || isObj(s.additionalProperties),
    description: typeof s.description === 'string' ? s.description : undefined,
    propDescriptions: docs,
  };
}

const cache = new WeakMap<object, Map<string, ObjectSchema | undefined>>();

/** The schema of version `version` of a CRD object (v1 or v1beta1 layout), if it declares one. */
export function crdVersionSchema(crd: Json, version: string): ObjectSchema | undefined {
  let perVersion = cache.get(crd);
  if (!perVersion) cache.set(crd, (perVersion = new Map()));
  if (perVersion.has(version)) return perVersion.get(version);
  const spec = isObj(crd.spec) ? crd.spec : {};
  const names = isObj(spec.names) ? spec.names : {};
  const kind = typeof names.kind === 'string' ? names.kind : 'CustomResource';
  const versions = Array.isArray(spec.versions) ? spec.versions.filter(isObj) : [];
  const v = versions.find((x) => x.name === version);
  const validation = (isObj(v?.schema) ? v.schema : undefined) ?? (isObj(spec.validation) ? spec.validation : undefined);
  const raw = isObj(validation) ? validation.openAPIV3Schema : undefined;
  let out: ObjectSchema | undefined;
  const node = raw !== undefined ? fromJsonSchema(raw, kind) : undefined;
  if (node && node.t === 'object') {
    const props = new Map(node.props);
    props.set('apiVersion', { t: 'string' });
    props.set('kind', { t: 'string' });
    const meta = builtinSchema('v1', 'ConfigMap')?.props.get('metadata');
    if (meta) props.set('metadata', meta);
    out = { ...node, props, required: node.required.filter((r) => r !== 'metadata') };
  }
  perVersion.set(version, out);
  return out;
}

/** What the workspace knows of a custom resource type. */
export interface CrdMatch {
  /** Some CRD in the workspace defines this group and kind. */
  readonly defined: boolean;
  /** The schema for the requested version, when that CRD declares one. */
  readonly schema: ObjectSchema | undefined;
}

/** Looks `group`/`version`/`kind` up among the CRDs defined in the workspace. */
export function findCrd(workspace: WorkspaceView, group: string, version: string, kind: string): CrdMatch {
  let defined = false;
  for (const o of workspace.objectsOfKind('CustomResourceDefinition')) {
    const v = o.value;
    const spec = v && isObj(v.spec) ? v.spec : undefined;
    const names = spec && isObj(spec.names) ? spec.names : undefined;
    if (!v || !spec || spec.group !== group || names?.kind !== kind) continue;
    defined = true;
    const schema = crdVersionSchema(v, version);
    if (schema) return { defined, schema };
  }
  return { defined, schema: undefined };
}
