/**
 * "Describe": one read-only text with the object's YAML (managedFields and Secret values hidden),
 * its events oldest first, and what it is related to — its owners, the pods it selects, the
 * Services selecting a pod, and a Service's endpoints. Also the events of a whole namespace.
 */
import { stringify as toYaml } from 'yaml';
import type { ApiClient, KubeObject } from '../api';
import { toProblem } from '../errors';
import { matchesSelector, podSummary, selectorOf } from '../status';
import { eventRows, eventsMarkdown, eventsText, objectEvents, type EventRow } from './events';
import { getObject, listObjects, type ObjectRef } from './objects';

/** What describing an object produced. */
export interface Description {
  object: KubeObject;
  yaml: string;
  events: EventRow[];
  related: string[];
  /** What could not be read (events, related objects), one line each. */
  problems: string[];
  text: string;
}

/** A copy for display: no managedFields, Secret values replaced by their size. */
export function cleanForDisplay(obj: KubeObject): KubeObject {
  const out = structuredClone(obj);
  delete (out.metadata as { managedFields?: unknown }).managedFields;
  if (out.kind === 'Secret') {
    for (const field of ['data', 'stringData'] as const) {
      const d = out[field] as Record<string, string> | undefined;
      if (d)
        out[field] = Object.fromEntries(
          Object.keys(d).map((k) => [k, `<hidden: ${field === 'data' ? Buffer.from(d[k], 'base64').length : d[k].length} bytes>`]),
        );
    }
    const ann = out.metadata.annotations;
    if (ann?.['kubectl.kubernetes.io/last-applied-configuration']) ann['kubectl.kubernetes.io/last-applied-configuration'] = '<hidden>';
  }
  return out;
}

/** YAML for display (managedFields hidden). */
export function displayYaml(obj: KubeObject): string {
  return toYaml(cleanForDisplay(obj), { lineWidth: 0 });
}

async function relatedLines(api: ApiClient, obj: KubeObject, ns: string | undefined): Promise<string[]> {
  const out: string[] = [];
  // Owners, two levels up (Pod → ReplicaSet → Deployment).
  let cur: KubeObject | undefined = obj;
  for (let depth = 0; depth < 3 && cur?.metadata.ownerReferences?.length; depth++) {
    const ref: NonNullable<KubeObject['metadata']['ownerReferences']>[number] =
      cur.metadata.ownerReferences.find((o) => o.controller) ?? cur.metadata.ownerReferences[0];
    out.push(`${'  '.repeat(depth)}owned by ${ref.kind}/${ref.name}${ref.controller ? ' (controller)' : ''}`);
    try {
      cur = await getObject(api, { kind: ref.kind, apiVersion: ref.apiVersion, namespace: ns, name: ref.name });
    } catch {
      cur = undefined;
    }
  }
  const kind = obj.kind ?? '';
  if (ns && kind !== 'Pod' && kind !== 'CronJob') {
    const selector = selectorOf(obj);
    if (selector) {
      const pods = await listObjects(api, 'Pod', ns, { labelSelector: selector });
      out.push(`pods (selector ${selector}): ${pods.length}`);
      for (const p of pods) {
        const s = podSummary(p);
        out.push(`  ${p.metadata.name}  ${s.status} ${s.ready}/${s.total}${s.restarts ? ` restarts ${s.restarts}` : ''}`);
      }
    }
  }
  if (ns && kind === 'Pod') {
    const services = await listObjects(api, 'Service', ns);
    const mine = services.filter((svc) => {
      const sel = selectorOf({ ...svc, kind: 'Service' });
      return sel !== undefined && matchesSelector(obj.metadata.labels, sel);
    });
    out.push(`selected by Services: ${mine.length ? mine.map((s) => s.metadata.name).join(', ') : 'none'}`);
  }
  if (ns && kind === 'Service') {
    try {
      const ep = await getObject(api, { kind: 'Endpoints', namespace: ns, name: obj.metadata.name });
      const subsets =
        (ep.subsets as
          | {
              addresses?: { ip: string; targetRef?: { name?: string } }[];
              notReadyAddresses?: { ip: string; targetRef?: { name?: string } }[];
              ports?: { name?: string; port: number }[];
            }[]
          | undefined) ?? [];
      const ports = (s: (typeof subsets)[number]): string => (s.ports ?? []).map((p) => `${p.port}${p.name ? `/${p.name}` : ''}`).join(',');
      const ready = subsets.flatMap((s) =>
        (s.addresses ?? []).map((a) => `${a.ip}:${ports(s)}${a.targetRef?.name ? ` (${a.targetRef.name})` : ''}`),
      );
      const notReady = subsets.flatMap((s) =>
        (s.notReadyAddresses ?? []).map((a) => `${a.ip}:${ports(s)}${a.targetRef?.name ? ` (${a.targetRef.name})` : ''}`),
      );
      out.push(`endpoints: ${ready.length} ready${notReady.length ? `, ${notReady.length} not ready` : ''}`);
      for (const r of ready) out.push(`  ready      ${r}`);
      for (const r of notReady) out.push(`  not ready  ${r}`);
      if (!ready.length && !notReady.length) out.push('  (none: no ready pod matches the selector, or the selector is wrong)');
    } catch (e) {
      out.push(`endpoints: ${toProblem(e).message}`);
    }
  }
  return out;
}

/** Reads and renders the description of an object (the text of the read-only document). */
export async function describeObject(api: ApiClient, ref: ObjectRef, now = Date.now()): Promise<Description> {
  const object = await getObject(api, ref);
  object.kind ??= ref.kind;
  const ns = object.metadata.namespace;
  const yaml = displayYaml(object);
  let events: EventRow[] = [];
  const problems: string[] = [];
  if (ns) {
    try {
      events = await objectEvents(api, ns, object.kind, object.metadata.name);
    } catch (e) {
      problems.push(`events: ${toProblem(e).message}`);
    }
  }
  let related: string[] = [];
  try {
    related = await relatedLines(api, object, ns);
  } catch (e) {
    problems.push(`related objects: ${toProblem(e).message}`);
  }
  const d = { object, yaml, events, related, problems, text: '' };
  d.text = descriptionText(d, ref.context, now);
  return d;
}

/**
 * The read-only text of a description; called again with new `events` when they change (the
 * Describe view keeps its events live).
 */
export function descriptionText(d: Omit<Description, 'text'>, context: string, now = Date.now()): string {
  const { object, yaml, events, related, problems } = d;
  const ns = object.metadata.namespace;
  const comment = (s: string): string =>
    s
      .trimEnd()
      .split('\n')
      .map((l) => `# ${l}`.trimEnd())
      .join('\n');
  return [
    `# ${object.kind} ${ns ? `${ns}/` : ''}${object.metadata.name} — context ${context} (read-only; managedFields hidden)`,
    yaml.trimEnd(),
    '',
    '# ---- Events (oldest first; ! = Warning) ----',
    comment(eventsText(events, now)),
    '',
    '# ---- Related ----',
    comment(related.length ? related.join('\n') : '(nothing related found)'),
    ...(problems.length ? ['', '# ---- Could not read ----', comment(problems.join('\n'))] : []),
    '',
  ].join('\n');
}

/** The events of a namespace as a Markdown document, newest last, warnings highlighted. */
export async function namespaceEventsMarkdown(
  api: ApiClient,
  context: string,
  namespace: string,
  now = Date.now(),
): Promise<{ rows: EventRow[]; markdown: string }> {
  const rows = eventRows(await listObjects(api, 'Event', namespace));
  const warnings = rows.filter((r) => r.warning).length;
  const markdown = `# Events in ${namespace}\n\nContext \`${context}\` · ${rows.length} events · **${warnings} warning${warnings === 1 ? '' : 's'}** · sorted by last timestamp (newest last)\n\n${eventsMarkdown(rows, now, true)}`;
  return { rows, markdown };
}
