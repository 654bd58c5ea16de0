/**
 * Quick fixes several Kubernetes rules share. Each recomputes its edit from the current text and the
 * container path in `finding.data`; none of them overrides a value the author has set on purpose.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { RuleContext } from '../engine/rule';
import type { Finding, Fix, TextEdit } from '../engine/types';
import { findPair, getIn } from '../parse/yaml';
import { indentStyle, mergeIntoMap, replaceNode } from './edit';
import { containerAt, effective } from './pod';

/**
 * The hardened container security context (merged; explicit `true`s that defeat it are flipped).
 * Never a combination the API server or the kubelet refuses: no `allowPrivilegeEscalation: false`
 * on a privileged container or one that adds CAP_SYS_ADMIN, and no `runAsNonRoot: true` where
 * `runAsUser` is set (0 would keep the pod from starting; another value makes it redundant).
 */
export function hardenFix(ctx: RuleContext<'manifest'>, finding: Finding): Fix | undefined {
  const site = containerAt(ctx.doc, finding.data);
  if (!site) return undefined;
  const lines = ctx.doc.lines;
  const style = indentStyle(ctx.doc.text);
  const edits: TextEdit[] = [];
  const escalates = mustEscalate(site.node);
  const container: Record<string, unknown> = escalates ? {} : { allowPrivilegeEscalation: false };
  const userSet = effective(site, 'runAsUser').value !== undefined;
  if (effective(site, 'runAsNonRoot').value === undefined && !userSet) container['runAsNonRoot'] = true;
  container['capabilities'] = { drop: ['ALL'] };
  const ape = getIn(site.node, ['securityContext', 'allowPrivilegeEscalation']);
  if (!escalates && isScalar(ape) && ape.value === true) {
    const e = replaceNode(lines, ape, 'false');
    if (e) edits.push(e);
  }
  const rnr = getIn(site.node, ['securityContext', 'runAsNonRoot']) ?? getIn(site.pod, ['securityContext', 'runAsNonRoot']);
  if (isScalar(rnr) && rnr.value === false && !userSet) {
    const e = replaceNode(lines, rnr, 'true');
    if (e) edits.push(e);
  }
  edits.push(...mergeIntoMap(lines, site.node, { securityContext: container }, style));
  const seccomp = effective(site, 'seccompProfile').value;
  if (seccomp === undefined)
    edits.push(...mergeIntoMap(lines, site.pod, { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } }, style));
  if (!edits.length) return undefined;
  return { title: 'Add the hardened securityContext (no privilege escalation, non-root, drop ALL, RuntimeDefault seccomp)', edits };
}

/**
 * A privileged container, or one that adds CAP_SYS_ADMIN, always escalates: the API server rejects
 * `allowPrivilegeEscalation: false` beside either.
 */
export function mustEscalate(container: unknown): boolean {
  const privileged = getIn(container, ['securityContext', 'privileged']);
  if (isScalar(privileged) && privileged.value === true) return true;
  const add = getIn(container, ['securityContext', 'capabilities', 'add']);
  return isSeq(add) && add.items.some((i) => isScalar(i) && /^(CAP_)?SYS_ADMIN$/i.test(String(i.value)));
}

/** Adds `capabilities.drop: [ALL]` to a container's security context. */
export function dropAllFix(ctx: RuleContext<'manifest'>, finding: Finding): Fix | undefined {
  const site = containerAt(ctx.doc, finding.data);
  if (!site) return undefined;
  const edits = mergeIntoMap(ctx.doc.lines, site.node, { securityContext: { capabilities: { drop: ['ALL'] } } }, indentStyle(ctx.doc.text));
  return edits.length ? { title: 'Drop ALL capabilities', edits } : undefined;
}

/** Whether a mapping has a key (used by fixes to decide what is missing). */
export function hasKey(map: unknown, key: string): boolean {
  return isMap(map) && findPair(map, key) !== undefined;
}
