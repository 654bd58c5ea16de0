/**
 * Quick fixes several Kubernetes rules share. Each recomputes its edit from the current text and the
 * container path in `finding.data`; none of them overrides a value the author has set on purpose.
 */
import { isMap, isScalar } from 'yaml';
import type { RuleContext } from '../engine/rule';
import type { Finding, Fix, TextEdit } from '../engine/types';
import { findPair, getIn } from '../parse/yaml';
import { indentStyle, mergeIntoMap, replaceNode } from './edit';
import { containerAt, effective } from './pod';

/** The hardened container security context (merged; explicit `true`s that defeat it are flipped). */
export function hardenFix(ctx: RuleContext<'manifest'>, finding: Finding): Fix | undefined {
  const site = containerAt(ctx.doc, finding.data);
  if (!site) return undefined;
  const lines = ctx.doc.lines;
  const style = indentStyle(ctx.doc.text);
  const edits: TextEdit[] = [];
  const container: Record<string, unknown> = { allowPrivilegeEscalation: false };
  if (effective(site, 'runAsNonRoot').value === undefined && !isPositive(effective(site, 'runAsUser').value))
    container['runAsNonRoot'] = true;
  container['capabilities'] = { drop: ['ALL'] };
  const ape = getIn(site.node, ['securityContext', 'allowPrivilegeEscalation']);
  if (isScalar(ape) && ape.value === true) {
    const e = replaceNode(lines, ape, 'false');
    if (e) edits.push(e);
  }
  const rnr = getIn(site.node, ['securityContext', 'runAsNonRoot']) ?? getIn(site.pod, ['securityContext', 'runAsNonRoot']);
  if (isScalar(rnr) && rnr.value === false && !isPositive(effective(site, 'runAsUser').value)) {
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

function isPositive(v: unknown): boolean {
  return typeof v === 'number' && v > 0;
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
