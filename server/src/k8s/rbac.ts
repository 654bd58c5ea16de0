/**
 * RBAC facts shared by the rules on Roles, ClusterRoles and their bindings: what a policy rule
 * grants, and which role a binding's `roleRef` names in the workspace.
 */
import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import type { IndexedObject } from '../engine/workspace';
import { getIn, scalarString, type ManifestObject } from '../parse/yaml';
import { dig, objectsNamed, objectsOfKind, seqAt, type LookupContext } from './pod';

/** Kinds that hold policy rules. */
export const ROLE_KINDS = new Set(['Role', 'ClusterRole']);
/** Kinds that grant a role to subjects. */
export const BINDING_KINDS = new Set(['RoleBinding', 'ClusterRoleBinding']);

/** One entry of a role's `rules`, as plain strings (a missing list is empty). */
export interface PolicyRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
}

/** The seven verbs that, together, amount to full control of a resource. */
const ALL_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** The policy rules of a role given as plain data. */
export function policyRules(value: unknown): PolicyRule[] {
  const rules = dig(value, 'rules');
  if (!Array.isArray(rules)) return [];
  return rules.map((r) => ({
    apiGroups: strings(dig(r, 'apiGroups')),
    resources: strings(dig(r, 'resources')),
    verbs: strings(dig(r, 'verbs')),
  }));
}

/** The `rules` items of a role in the document, with their nodes, for ranges. */
export function ruleNodes(obj: ManifestObject): { node: YAMLMap; rule: PolicyRule }[] {
  const out: { node: YAMLMap; rule: PolicyRule }[] = [];
  for (const item of seqAt(obj.root, ['rules'])) {
    if (!isMap(item)) continue;
    const list = (key: string) => seqAt(item, [key]).flatMap((n) => (isScalar(n) && typeof n.value === 'string' ? [n.value] : []));
    out.push({ node: item, rule: { apiGroups: list('apiGroups'), resources: list('resources'), verbs: list('verbs') } });
  }
  return out;
}

/** Whether a rule covers the core API group (`""`) or every group. */
function coreGroup(r: PolicyRule): boolean {
  return r.apiGroups.includes('') || r.apiGroups.includes('*');
}

/** Whether a rule lets its subjects run commands in, or attach to, pods (`get` opens the stream too). */
export function grantsExecAttach(r: PolicyRule): boolean {
  return (
    coreGroup(r) &&
    r.resources.some((x) => x === '*' || x === 'pods/exec' || x === 'pods/attach') &&
    r.verbs.some((v) => v === '*' || v === 'get' || v === 'create')
  );
}

/** Whether a rule grants every verb on every resource of every group: the power of `cluster-admin`. */
export function grantsEverything(r: PolicyRule): boolean {
  return r.apiGroups.includes('*') && r.resources.includes('*') && (r.verbs.includes('*') || ALL_VERBS.every((v) => r.verbs.includes(v)));
}

/** Whether a rule grants one of `verbs` on one of `resources` (a `*` on either side matches). */
export function grants(r: PolicyRule, resources: readonly string[], verbs: readonly string[]): string | undefined {
  if (!r.verbs.some((v) => v === '*' || verbs.includes(v))) return undefined;
  return r.resources.find((x) => x === '*' || resources.includes(x));
}

/** A binding's `roleRef`: the kind and name it grants, and the node of the name for ranges. */
export interface RoleRef {
  readonly kind: string;
  readonly name: string;
  readonly nameNode: Node;
}

/** The `roleRef` of a binding in the document, when it names a kind and a name. */
export function roleRef(obj: ManifestObject): RoleRef | undefined {
  const kind = scalarString(getIn(obj.root, ['roleRef', 'kind']));
  const nameNode = getIn(obj.root, ['roleRef', 'name']);
  const name = scalarString(nameNode);
  if (!kind || !name || !nameNode || name.includes('{{')) return undefined;
  return { kind, name, nameNode };
}

/**
 * The role a binding grants, found in the workspace: a ClusterRole by name, a Role by name in the
 * binding's namespace (either namespace may be unset). Undefined when the workspace has none.
 */
export function boundRole(ctx: LookupContext, binding: ManifestObject, ref: RoleRef): IndexedObject | undefined {
  if (!ROLE_KINDS.has(ref.kind)) return undefined;
  const named = objectsNamed(objectsOfKind(ctx, ref.kind), ref.name);
  if (ref.kind === 'ClusterRole') return named[0];
  return named.find((o) => o.namespace === undefined || binding.namespace === undefined || o.namespace === binding.namespace);
}
