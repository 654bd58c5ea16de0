/**
 * The in-memory form of Kubernetes schemas: the bundled ones (generated at build time from the
 * `kubernetes-models` packages) and those converted from CustomResourceDefinitions.
 */
import { noteLoad } from '../../engine/loads';

/** A leaf value type. `quantity`, `int-or-string` and `time` follow the Kubernetes formats. */
export type ScalarType = 'string' | 'number' | 'integer' | 'boolean' | 'quantity' | 'int-or-string' | 'time';

/** One node of a schema. */
export type SchemaNode =
  | { readonly t: ScalarType }
  | { readonly t: 'any' }
  | { readonly t: 'enum'; readonly values: readonly string[] }
  | { readonly t: 'array'; readonly items: SchemaNode }
  | { readonly t: 'map'; readonly values: SchemaNode }
  | ObjectSchema;

/** An object with known fields. `open` objects accept fields beyond `props`. */
export interface ObjectSchema {
  readonly t: 'object';
  /** The type name (e.g. `DeploymentSpec`), for messages and hovers. */
  readonly name: string;
  readonly props: ReadonlyMap<string, SchemaNode>;
  readonly required: readonly string[];
  readonly open: boolean;
  /** Index into the description table of the bundle it came from, if any. */
  readonly docIndex?: number;
  /** Descriptions inline (CRD schemas carry their own). */
  readonly description?: string;
  readonly propDescriptions?: ReadonlyMap<string, string>;
}

/** What the generated bundle holds (see scripts/gen-k8s-schemas.mjs). */
type RawRef = string | number | { e: string[] } | { a: RawRef } | { m: RawRef };
interface RawType {
  n: string;
  p: Record<string, RawRef>;
  r?: string[];
  o?: 1;
}
interface RawBundle {
  kubernetes: string;
  packages: Record<string, string>;
  kinds: Record<string, number>;
  types: RawType[];
}

/** The bundled schemas after linking. */
export interface Bundle {
  /** The Kubernetes minor version the built-in schemas describe. */
  readonly kubernetes: string;
  /** Source package versions. */
  readonly packages: Readonly<Record<string, string>>;
  /** `apiVersion/kind` → schema, e.g. `apps/v1/Deployment`. */
  readonly kinds: ReadonlyMap<string, ObjectSchema>;
  /** API groups (with versions) that have bundled kinds: `apps` → {`v1`, …}. */
  readonly groups: ReadonlyMap<string, ReadonlySet<string>>;
}

const SCALARS: Readonly<Record<string, SchemaNode>> = {
  s: { t: 'string' },
  n: { t: 'number' },
  b: { t: 'boolean' },
  a: { t: 'any' },
  q: { t: 'quantity' },
  is: { t: 'int-or-string' },
  t: { t: 'time' },
};

let bundle: Bundle | undefined;

/** What the load log and a failure message call the bundled schemas. */
export const SCHEMAS_NAME = 'the Kubernetes schemas';

/**
 * The generated schema text, required on first use rather than imported: the bundles keep it in a
 * file of its own (dist/k8s-schemas.js) that a workspace without manifests never reads.
 */
function schemasJson(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('./generated/schemas') as typeof import('./generated/schemas')).SCHEMAS_JSON;
}

/** The bundled schemas, parsed and linked on first use; throws when they cannot be read. */
export function loadBundle(): Bundle {
  if (bundle) return bundle;
  let raw: RawBundle;
  try {
    raw = JSON.parse(schemasJson()) as RawBundle;
  } catch (e) {
    noteLoad({ name: SCHEMAS_NAME, error: e instanceof Error ? e.message : String(e) });
    throw e;
  }
  const objects: ObjectSchema[] = raw.types.map((t, i) => ({
    t: 'object',
    name: t.n,
    props: new Map<string, SchemaNode>(),
    required: t.r ?? [],
    open: t.o === 1,
    docIndex: i,
  }));
  const link = (ref: RawRef): SchemaNode => {
    if (typeof ref === 'number') return objects[ref]!;
    if (typeof ref === 'string') return SCALARS[ref] ?? SCALARS.a!;
    if ('e' in ref) return { t: 'enum', values: ref.e };
    if ('a' in ref) return { t: 'array', items: link(ref.a) };
    return { t: 'map', values: link(ref.m) };
  };
  raw.types.forEach((t, i) => {
    const props = objects[i]!.props as Map<string, SchemaNode>;
    for (const [k, v] of Object.entries(t.p)) props.set(k, link(v));
  });
  const kinds = new Map<string, ObjectSchema>();
  const groups = new Map<string, Set<string>>();
  for (const [key, idx] of Object.entries(raw.kinds)) {
    kinds.set(key, objects[idx]!);
    const { group, version } = splitApiVersion(key.slice(0, key.lastIndexOf('/')));
    let set = groups.get(group);
    if (!set) groups.set(group, (set = new Set()));
    set.add(version);
  }
  bundle = { kubernetes: raw.kubernetes, packages: raw.packages, kinds, groups };
  noteLoad({ name: SCHEMAS_NAME });
  return bundle;
}

/** `apps/v1` → { group: 'apps', version: 'v1' }; `v1` → { group: '', version: 'v1' }. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.lastIndexOf('/');
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

/** The bundled schema of a kind, if any. */
export function builtinSchema(apiVersion: string, kind: string): ObjectSchema | undefined {
  return loadBundle().kinds.get(`${apiVersion}/${kind}`);
}

/** A short human name of a schema node's type, for messages and hovers. */
export function typeName(node: SchemaNode): string {
  switch (node.t) {
    case 'object':
      return node.name;
    case 'array':
      return `${typeName(node.items)}[]`;
    case 'map':
      return `map of ${typeName(node.values)}`;
    case 'enum':
      return node.values.map((v) => JSON.stringify(v)).join(' | ');
    default:
      return node.t;
  }
}
