/**
 * authorization.k8s.io for the test API server: SelfSubjectAccessReview (for the requesting user,
 * {@link Authorization.user}) and SubjectAccessReview, answered from the RBAC objects the server
 * holds, the way the API server's RBAC authorizer decides: ClusterRoleBindings apply everywhere,
 * RoleBindings in their namespace (to a Role there or a ClusterRole), `*` matches any group,
 * resource or verb, `resourceNames` narrow a rule to named objects, and `system:masters` may do
 * anything. Aggregated ClusterRoles and non-resource URLs are not modelled.
 */
import type { KObject, ResourceType } from './types';

/** Who asks. */
export interface UserInfo {
  name: string;
  groups: string[];
}

/** What is asked about (`spec.resourceAttributes`). */
export interface ResourceAttributes {
  namespace?: string;
  verb?: string;
  group?: string;
  resource?: string;
  subresource?: string;
  name?: string;
}

interface Rule {
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  verbs?: string[];
}

interface Subject {
  kind: string;
  name: string;
  namespace?: string;
}

/** The server parts the authorizer reads. */
export interface RbacStore {
  listObjects(apiVersion: string, kind: string, namespace?: string): KObject[];
  get(apiVersion: string, kind: string, namespace: string | undefined, name: string): KObject | undefined;
}

const RBAC = 'rbac.authorization.k8s.io/v1';

/** The review kinds served (create only). */
export const AUTHORIZATION_TYPES: readonly ResourceType[] = [
  {
    group: 'authorization.k8s.io',
    version: 'v1',
    kind: 'SelfSubjectAccessReview',
    plural: 'selfsubjectaccessreviews',
    singular: '',
    namespaced: false,
  },
  {
    group: 'authorization.k8s.io',
    version: 'v1',
    kind: 'SubjectAccessReview',
    plural: 'subjectaccessreviews',
    singular: '',
    namespaced: false,
  },
];

function ruleAllows(rule: Rule, a: ResourceAttributes): boolean {
  const has = (list: string[] | undefined, v: string): boolean => !!list && (list.includes('*') || list.includes(v));
  const resource = a.subresource ? `${a.resource ?? ''}/${a.subresource}` : (a.resource ?? '');
  if (!has(rule.verbs, a.verb ?? '')) return false;
  if (!has(rule.apiGroups, a.group ?? '')) return false;
  if (!has(rule.resources, resource) && !(a.subresource && rule.resources?.includes(`*/${a.subresource}`))) return false;
  return !rule.resourceNames?.length || (!!a.name && rule.resourceNames.includes(a.name));
}

function subjectMatches(s: Subject, bindingNamespace: string | undefined, user: UserInfo): boolean {
  if (s.kind === 'User') return s.name === user.name;
  if (s.kind === 'Group') return user.groups.includes(s.name);
  if (s.kind === 'ServiceAccount') return user.name === `system:serviceaccount:${s.namespace ?? bindingNamespace ?? ''}:${s.name}`;
  return false;
}

/** Decides one request as RBAC would; `reason` names the binding that allowed it. */
export function authorize(store: RbacStore, user: UserInfo, a: ResourceAttributes): { allowed: boolean; reason: string } {
  if (user.groups.includes('system:masters')) return { allowed: true, reason: 'the user is in group system:masters' };
  const bindings = [
    ...store.listObjects(RBAC, 'ClusterRoleBinding'),
    ...(a.namespace ? store.listObjects(RBAC, 'RoleBinding', a.namespace) : []),
  ];
  for (const b of bindings) {
    const ns = b.kind === 'RoleBinding' ? b.metadata.namespace : undefined;
    const subjects = (b.subjects as Subject[] | undefined) ?? [];
    const who = subjects.find((s) => subjectMatches(s, ns, user));
    if (!who) continue;
    const ref = b.roleRef as { kind: string; name: string } | undefined;
    if (!ref) continue;
    const role =
      ref.kind === 'ClusterRole'
        ? store.get(RBAC, 'ClusterRole', undefined, ref.name)
        : ns
          ? store.get(RBAC, 'Role', ns, ref.name)
          : undefined;
    const rules = (role?.rules as Rule[] | undefined) ?? [];
    if (rules.some((r) => ruleAllows(r, a))) {
      const where = ns ? `RoleBinding "${b.metadata.name}/${ns}"` : `ClusterRoleBinding "${b.metadata.name}"`;
      return { allowed: true, reason: `RBAC: allowed by ${where} of ${ref.kind} "${ref.name}" to ${who.kind} "${who.name}"` };
    }
  }
  return { allowed: false, reason: '' };
}

/** Length-delimited fields of a protobuf message by number (strings and sub-messages; other wire types skipped). */
/** A failure Status body as the API server sends it for a review it refuses. */
function failure(code: number, reason: string, message: string): object {
  return { kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message };
}

/** The 422 Status body for a review whose spec is invalid. */
function invalid(message: string): object {
  return failure(422, 'Invalid', message);
}

/** The review endpoints. */
export class Authorization {
  /** The user behind the server's credentials (SelfSubjectAccessReview answers for it). */
  user: UserInfo = { name: 'admin', groups: ['system:masters', 'system:authenticated'] };

  constructor(private readonly store: RbacStore) {}

  /** Answers a POST of a review; false when the request is not one. */
  route(
    req: { method: string; rt: ResourceType; name?: string; body: Buffer; contentType: string },
    reply: (code: number, body: unknown) => void,
  ): boolean {
    if (req.rt.group !== 'authorization.k8s.io') return false;
    if (req.method !== 'POST' || req.name) {
      reply(405, failure(405, 'MethodNotAllowed', 'only create is allowed'));
      return true;
    }
    // A protobuf body was decoded to JSON before routing (`decodeProtobufObject`).
    const review = JSON.parse(req.body.toString('utf8')) as {
      spec?: { resourceAttributes?: ResourceAttributes; user?: string; groups?: string[] };
    };
    const spec = review.spec ?? {};
    if (!spec.resourceAttributes) {
      reply(
        422,
        invalid(
          `${req.rt.kind}.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified`,
        ),
      );
      return true;
    }
    let user = this.user;
    if (req.rt.kind === 'SubjectAccessReview') {
      if (!spec.user && !spec.groups?.length) {
        reply(
          422,
          invalid(
            'SubjectAccessReview.authorization.k8s.io "" is invalid: spec.user: Invalid value: "": at least one of user or group must be specified',
          ),
        );
        return true;
      }
      user = { name: spec.user ?? '', groups: spec.groups ?? [] };
    }
    const decision = authorize(this.store, user, spec.resourceAttributes);
    reply(201, {
      kind: req.rt.kind,
      apiVersion: 'authorization.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec,
      status: { allowed: decision.allowed, ...(decision.reason ? { reason: decision.reason } : {}) },
    });
    return true;
  }
}
