/**
 * Access checks. "Can I…?" asks the API server with a SelfSubjectAccessReview (its authorizers
 * decide, whatever they are). "Who can…?" reads the RBAC bindings that could grant verbs on an
 * object (ClusterRoleBindings, and RoleBindings in its namespace), keeps the subjects whose role
 * has a matching rule, and confirms each subject and verb with a SubjectAccessReview; when the
 * user may not create those, the rows say "from the rules, unconfirmed".
 */
import type { ApiClient, KubeObject } from '../api';
import { listObjects } from './objects';

/** What a check is about (`resourceAttributes`). */
export interface AccessQuestion {
  verb: string;
  /** API group (`""` for the core group). */
  group: string;
  /** The plural resource name (`pods`, `deployments`). */
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

/** The server's answer. */
export interface AccessAnswer {
  allowed: boolean;
  /** Explicitly denied (by an authorizer that can deny), as opposed to not allowed. */
  denied: boolean;
  reason?: string;
  evaluationError?: string;
}

/** The verbs "Who can…?" asks about by default. */
export const OBJECT_VERBS = ['get', 'list', 'watch', 'update', 'patch', 'delete'] as const;

/** The verbs offered by "Can I…?". */
export const ACCESS_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', '*'] as const;

const REVIEWS = '/apis/authorization.k8s.io/v1';

function attributes(q: AccessQuestion): Record<string, string> {
  const a: Record<string, string> = { verb: q.verb, group: q.group, resource: q.resource };
  if (q.subresource) a.subresource = q.subresource;
  if (q.namespace) a.namespace = q.namespace;
  if (q.name) a.name = q.name;
  return a;
}

function answerOf(review: { status?: { allowed?: boolean; denied?: boolean; reason?: string; evaluationError?: string } }): AccessAnswer {
  const s = review.status ?? {};
  return { allowed: !!s.allowed, denied: !!s.denied, reason: s.reason || undefined, evaluationError: s.evaluationError || undefined };
}

/** Whether the current user may do it (SelfSubjectAccessReview). */
export async function canI(api: ApiClient, q: AccessQuestion): Promise<AccessAnswer> {
  const review = await api.request<{ status?: { allowed?: boolean } }>('POST', `${REVIEWS}/selfsubjectaccessreviews`, {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    spec: { resourceAttributes: attributes(q) },
  });
  return answerOf(review);
}

/** An RBAC subject. */
export interface Subject {
  kind: 'User' | 'Group' | 'ServiceAccount' | string;
  name: string;
  namespace?: string;
}

/** The user and groups a SubjectAccessReview names for a subject (a ServiceAccount's as its token would). */
export function reviewIdentity(s: Subject, bindingNamespace?: string): { user?: string; groups?: string[] } {
  if (s.kind === 'User') return { user: s.name };
  if (s.kind === 'Group') return { groups: [s.name] };
  const ns = s.namespace ?? bindingNamespace ?? '';
  return {
    user: `system:serviceaccount:${ns}:${s.name}`,
    groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'],
  };
}

/** Whether a subject may do it (SubjectAccessReview). */
export async function subjectCan(api: ApiClient, identity: { user?: string; groups?: string[] }, q: AccessQuestion): Promise<AccessAnswer> {
  const review = await api.request<{ status?: { allowed?: boolean } }>('POST', `${REVIEWS}/subjectaccessreviews`, {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SubjectAccessReview',
    spec: { ...identity, resourceAttributes: attributes(q) },
  });
  return answerOf(review);
}

/** One rule of a Role or ClusterRole. */
export interface PolicyRule {
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  verbs?: string[];
}

/** The verbs among `verbs` a rule grants on the object (`*` counts for every one). */
export function ruleVerbs(rule: PolicyRule, q: Omit<AccessQuestion, 'verb'>, verbs: readonly string[]): string[] {
  const has = (list: string[] | undefined, v: string): boolean => !!list && (list.includes('*') || list.includes(v));
  const resource = q.subresource ? `${q.resource}/${q.subresource}` : q.resource;
  if (!has(rule.apiGroups, q.group) || !has(rule.resources, resource)) return [];
  return verbs.filter((v) => {
    if (!has(rule.verbs, v)) return false;
    // resourceNames narrow a rule to named objects; list and watch of a collection have no name.
    if (!rule.resourceNames?.length) return true;
    return !!q.name && v !== 'list' && v !== 'watch' && rule.resourceNames.includes(q.name);
  });
}

/** One subject that can act on the object, through one binding. */
export interface WhoCanRow {
  subject: Subject;
  binding: { kind: 'ClusterRoleBinding' | 'RoleBinding'; name: string; namespace?: string };
  role: { kind: string; name: string };
  /** The verbs the role's rules grant on the object. */
  verbs: string[];
  /** The verbs a SubjectAccessReview confirmed, or undefined when it could not be asked. */
  confirmed?: string[];
}

/** The answer of "Who can…?". */
export interface WhoCan {
  rows: WhoCanRow[];
  /** Why rows are unconfirmed or bindings were skipped (roles that cannot be read, reviews refused). */
  notes: string[];
}

/**
 * The subjects whose bindings grant verbs on the object, each confirmed with a
 * SubjectAccessReview per verb. Roles that cannot be read are noted, not guessed.
 */
export async function whoCan(api: ApiClient, q: Omit<AccessQuestion, 'verb'>, verbs: readonly string[] = OBJECT_VERBS): Promise<WhoCan> {
  const notes: string[] = [];
  const bindings: KubeObject[] = (
    await listObjects(api, 'ClusterRoleBinding', undefined, { apiVersion: 'rbac.authorization.k8s.io/v1' })
  ).map((b) => ({ ...b, kind: 'ClusterRoleBinding' }));
  if (q.namespace)
    bindings.push(
      ...(await listObjects(api, 'RoleBinding', q.namespace, { apiVersion: 'rbac.authorization.k8s.io/v1' })).map((b) => ({
        ...b,
        kind: 'RoleBinding',
      })),
    );
  const roles = new Map<string, Promise<PolicyRule[] | undefined>>();
  const rulesOf = (kind: string, name: string, ns?: string): Promise<PolicyRule[] | undefined> => {
    const key = `${kind}/${ns ?? ''}/${name}`;
    let p = roles.get(key);
    if (!p) {
      const path =
        kind === 'ClusterRole'
          ? `/apis/rbac.authorization.k8s.io/v1/clusterroles/${encodeURIComponent(name)}`
          : `/apis/rbac.authorization.k8s.io/v1/namespaces/${encodeURIComponent(ns ?? '')}/roles/${encodeURIComponent(name)}`;
      p = api.get<{ rules?: PolicyRule[] }>(path).then(
        (r) => r.rules ?? [],
        () => {
          notes.push(`${kind} ${ns ? `${ns}/` : ''}${name} could not be read; its bindings are left out.`);
          return undefined;
        },
      );
      roles.set(key, p);
    }
    return p;
  };
  const rows: WhoCanRow[] = [];
  for (const b of bindings) {
    const ref = b.roleRef as { kind?: string; name?: string } | undefined;
    if (!ref?.kind || !ref.name) continue;
    const ns = b.kind === 'RoleBinding' ? b.metadata.namespace : undefined;
    const rules = await rulesOf(ref.kind, ref.name, ns);
    if (!rules) continue;
    const granted = verbs.filter((v) => rules.some((r) => ruleVerbs(r, q, [v]).length));
    if (!granted.length) continue;
    for (const s of (b.subjects as Subject[] | undefined) ?? []) {
      rows.push({
        subject: s.kind === 'ServiceAccount' ? { ...s, namespace: s.namespace ?? ns } : s,
        binding: { kind: b.kind as WhoCanRow['binding']['kind'], name: b.metadata.name, namespace: ns },
        role: { kind: ref.kind, name: ref.name },
        verbs: granted,
      });
    }
  }
  let reviewsRefused = false;
  for (const row of rows) {
    if (reviewsRefused) break;
    const confirmed: string[] = [];
    try {
      for (const v of row.verbs)
        if ((await subjectCan(api, reviewIdentity(row.subject, row.binding.namespace), { ...q, verb: v })).allowed) confirmed.push(v);
      row.confirmed = confirmed;
    } catch (e) {
      reviewsRefused = true;
      notes.push(
        `SubjectAccessReviews could not be made (${e instanceof Error ? e.message : String(e)}): the verbs are from the rules, unconfirmed.`,
      );
    }
  }
  return { rows, notes };
}

function subjectText(s: Subject): string {
  return `${s.kind} ${s.namespace ? `${s.namespace}/` : ''}${s.name}`;
}

/** "Who can…?" as a Markdown report. */
export function whoCanMarkdown(target: string, context: string, w: WhoCan): string {
  const lines = [
    `# Who can act on ${target}`,
    '',
    `Context \`${context}\`. From the RBAC bindings, each verb confirmed with a SubjectAccessReview.`,
    '',
  ];
  if (!w.rows.length)
    lines.push('No binding grants any of the verbs on this object (other authorizers, such as webhooks, are not listed).');
  else {
    lines.push('| Subject | Verbs | Through |', '| --- | --- | --- |');
    for (const r of w.rows) {
      const verbs = r.confirmed ? r.confirmed.join(', ') || '(none confirmed)' : `${r.verbs.join(', ')} (unconfirmed)`;
      const via = `${r.binding.kind} ${r.binding.namespace ? `${r.binding.namespace}/` : ''}${r.binding.name} → ${r.role.kind} ${r.role.name}`;
      lines.push(`| ${subjectText(r.subject)} | ${verbs} | ${via} |`);
    }
  }
  if (w.notes.length) lines.push('', ...w.notes.map((n) => `- ${n}`));
  return `${lines.join('\n')}\n`;
}
