/**
 * Offline Kubernetes schemas: lookup by apiVersion and kind (bundled kinds and workspace CRDs),
 * validation of manifest objects, and field facts at a path for hovers and completion.
 */
import * as path from 'node:path';
import type { IndexedFile, WorkspaceView } from '../../engine/workspace';
import type { ManifestObject, YamlDocument } from '../../parse/yaml';
import { findCrd } from './crd';
import { noteLoad } from '../../engine/loads';
import { KUBERNETES_VERSION } from './generated/version';
import { handwrittenSchema } from './handwritten';
import { builtinSchema, loadBundle, splitApiVersion, typeName, type ObjectSchema, type SchemaNode } from './model';
import { closest, validateNode, type SchemaIssue } from './validate';

export { loadBundle, typeName, type ObjectSchema, type SchemaNode } from './model';
export type { SchemaIssue, SchemaIssueCode } from './validate';

/** How an object's type was resolved. */
export type Resolution =
  | { readonly status: 'schema'; readonly schema: ObjectSchema; readonly source: 'bundled' | 'crd' }
  /** A bundled API group and version, but no such kind; `suggestion` is the closest kind. */
  | { readonly status: 'unknown-kind'; readonly suggestion: string }
  /** Nothing to validate against (an unknown CRD, a CRD without schema, a List, …). */
  | { readonly status: 'none' };

const NONE: Resolution = { status: 'none' };

/** The Kubernetes minor version the bundled built-in schemas describe (without loading them). */
export function bundledKubernetesVersion(): string {
  return KUBERNETES_VERSION;
}

/** Finds the schema for `apiVersion`/`kind`: a workspace CRD first, then the bundled schemas. */
export function resolveSchema(apiVersion: string, kind: string, workspace: WorkspaceView | undefined): Resolution {
  const { group, version } = splitApiVersion(apiVersion);
  let crdDefined = false;
  if (group !== '' && workspace) {
    const crd = findCrd(workspace, group, version, kind);
    if (crd.schema) return { status: 'schema', schema: crd.schema, source: 'crd' };
    crdDefined = crd.defined;
  }
  const builtin = builtinSchema(apiVersion, kind) ?? handwrittenSchema(apiVersion, kind);
  if (builtin) return { status: 'schema', schema: builtin, source: 'bundled' };
  if (crdDefined || kind === 'List') return NONE;
  const bundle = loadBundle();
  if (!bundle.groups.get(group)?.has(version)) return NONE;
  const kinds = new Set<string>();
  for (const key of bundle.kinds.keys()) {
    const slash = key.lastIndexOf('/');
    if (splitApiVersion(key.slice(0, slash)).group === group) kinds.add(key.slice(slash + 1));
  }
  // The kind exists at another version (a newer beta, say): not a typo, leave it to the API server.
  if (kinds.has(kind)) return NONE;
  const suggestion = closest(kind, kinds);
  return suggestion ? { status: 'unknown-kind', suggestion } : NONE;
}

/** Schema problems of one manifest object (none when it has no known schema). */
export function validateObject(doc: YamlDocument, obj: ManifestObject, workspace: WorkspaceView | undefined): SchemaIssue[] {
  if (!obj.apiVersion || !obj.kind) return [];
  const res = resolveSchema(obj.apiVersion, obj.kind, workspace);
  if (res.status !== 'schema') return [];
  const hit = objectIssues.get(obj);
  if (hit?.schema === res.schema) return hit.issues;
  const out: SchemaIssue[] = [];
  validateNode(doc.lines, obj.root, res.schema, out);
  objectIssues.set(obj, { schema: res.schema, issues: out });
  return out;
}

/**
 * Issues by parsed object and the schema it was checked against. An edit of a long manifest keeps
 * the objects (and positions) of the documents before the one it changed: only the rest is checked.
 */
const objectIssues = new WeakMap<ManifestObject, { readonly schema: unknown; readonly issues: SchemaIssue[] }>();

const memo = new WeakMap<YamlDocument, { workspace: WorkspaceView | undefined; version: number | undefined; issues: SchemaIssue[] }>();

/**
 * Whether a kustomization sits in the file's folder or above it: the file may then be a patch,
 * which is a partial object, so missing required fields prove nothing.
 */
export function underKustomization(file: string | undefined, workspace: WorkspaceView | undefined): boolean {
  if (!file || !workspace) return false;
  const dir = path.dirname(file);
  for (const kdir of kustomizationDirs(workspace)) {
    if (dir === kdir || dir.startsWith(kdir + path.sep)) return true;
  }
  return false;
}

const dirsOfFiles = new WeakMap<readonly IndexedFile[], string[]>();

/** Folders holding a kustomization file; the index hands out the same files until one of them changes. */
function kustomizationDirs(workspace: WorkspaceView): string[] {
  const files = workspace.filesOfKind('kustomization');
  let dirs = dirsOfFiles.get(files);
  if (!dirs) dirsOfFiles.set(files, (dirs = files.flatMap((f) => (f.path ? [path.dirname(f.path)] : []))));
  return dirs;
}

/** Schema problems of every object of a manifest file, computed once per parsed document. */
export function schemaIssues(doc: YamlDocument, workspace: WorkspaceView | undefined, file?: string): readonly SchemaIssue[] {
  const hit = memo.get(doc);
  if (hit && hit.workspace === workspace && hit.version === workspace?.version) return hit.issues;
  let issues: SchemaIssue[] = [];
  for (const obj of doc.objects) issues.push(...validateObject(doc, obj, workspace));
  if (underKustomization(file, workspace)) issues = issues.filter((i) => i.code !== 'required');
  memo.set(doc, { workspace, version: workspace?.version, issues });
  return issues;
}

type RawDescriptions = ([string, Record<string, string>] | null)[];
let descriptions: RawDescriptions | undefined;

/** The field descriptions (2 MB of text), required on the first hover or completion that shows one. */
function loadDescriptions(): RawDescriptions {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const json = (require('./generated/descriptions') as typeof import('./generated/descriptions')).DESCRIPTIONS_JSON;
  const parsed = JSON.parse(json) as RawDescriptions;
  noteLoad({ name: 'the Kubernetes field descriptions' });
  return parsed;
}

function describe(owner: ObjectSchema, field: string | undefined): string | undefined {
  if (owner.docIndex === undefined) return field === undefined ? owner.description : owner.propDescriptions?.get(field);
  descriptions ??= loadDescriptions();
  const entry = descriptions[owner.docIndex];
  if (!entry) return undefined;
  return field === undefined ? entry[0] || undefined : entry[1][field];
}

/** What is known about the field at a path. */
export interface FieldInfo {
  /** The schema of the value at the path. */
  readonly schema: SchemaNode;
  /** A short type name, e.g. `DeploymentSpec`, `string`, `Container[]`, `"Always" | "Never"`. */
  readonly type: string;
  readonly description: string | undefined;
  readonly required: boolean;
}

/**
 * The schema facts of the field at `path` (keys and list indices, e.g. `['spec', 'template', 'spec',
 * 'containers', 0, 'image']`) of an object of `apiVersion`/`kind`; undefined when unknown. An empty
 * path describes the object itself.
 */
export function schemaAt(
  apiVersion: string,
  kind: string,
  path: readonly (string | number)[],
  workspace?: WorkspaceView,
): FieldInfo | undefined {
  const res = resolveSchema(apiVersion, kind, workspace);
  if (res.status !== 'schema') return undefined;
  let node: SchemaNode = res.schema;
  let owner: ObjectSchema | undefined;
  let field: string | undefined;
  for (const step of path) {
    if (typeof step === 'number') {
      if (node.t !== 'array') return undefined;
      node = node.items;
      continue;
    }
    if (node.t === 'map') {
      node = node.values;
      continue;
    }
    if (node.t !== 'object') return undefined;
    const next = node.props.get(step);
    if (!next) return undefined;
    owner = node;
    field = step;
    node = next;
  }
  const own = node.t === 'object' ? describe(node, undefined) : undefined;
  return {
    schema: node,
    type: typeName(node),
    description: (owner ? describe(owner, field) : undefined) ?? own,
    required: owner !== undefined && field !== undefined && owner.required.includes(field),
  };
}
