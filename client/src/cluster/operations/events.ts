/**
 * Events as people read them: newest activity last, warnings marked, repeats counted; and a live
 * stream of them (a namespace's or the whole cluster's, or one object's) kept current by a watch.
 */
import type { ApiClient, KubeObject } from '../api';
import { LiveCollection, type CollectionEvent } from '../watch';
import { listObjects } from './objects';

/** One event, flattened. */
export interface EventRow {
  /** The time of the latest occurrence (RFC 3339), or '' when the event carries none. */
  time: string;
  type: string;
  reason: string;
  message: string;
  count: number;
  object: string;
  warning: boolean;
  /** The event's namespace ('' for cluster-scoped ones). */
  namespace: string;
  /** The involved object's kind and name. */
  kind: string;
  name: string;
}

interface EventJson {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  lastTimestamp?: string;
  firstTimestamp?: string;
  eventTime?: string;
  series?: { count?: number; lastObservedTime?: string };
  involvedObject?: { kind?: string; name?: string; namespace?: string; uid?: string };
}

/** One event flattened; its time is the series' last observation, else `lastTimestamp`, `eventTime`, `firstTimestamp`, creation. */
export function eventRow(o: KubeObject): EventRow {
  const e = o as KubeObject & EventJson;
  const time = e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata.creationTimestamp ?? '';
  const kind = e.involvedObject?.kind ?? '?';
  const name = e.involvedObject?.name ?? '?';
  return {
    time,
    type: e.type ?? 'Normal',
    reason: e.reason ?? '',
    message: (e.message ?? '').trim(),
    count: e.series?.count ?? e.count ?? 1,
    object: `${kind}/${name}`,
    warning: e.type === 'Warning',
    namespace: e.metadata.namespace ?? '',
    kind,
    name,
  };
}

/** Flattens and sorts (oldest first) events; `lastTimestamp`, then the series, `eventTime`, creation. */
export function eventRows(events: readonly KubeObject[]): EventRow[] {
  return events.map(eventRow).sort((a, b) => (Date.parse(a.time) || 0) - (Date.parse(b.time) || 0) || a.reason.localeCompare(b.reason));
}

/** Which events a stream shows. */
export interface EventFilter {
  /**
   * The involved object: `Kind/name` (both compared exactly, the kind case-insensitively), `Kind/`
   * (every object of a kind), or a bare name substring (any kind).
   */
  object?: string;
  /** `Warning`, `Normal` (case-insensitive); empty for both. */
  type?: string;
}

/**
 * Reads the filter as typed: `warning` or `normal` (or `type=…`) picks the type, anything else the
 * object (`Pod/web-1`, `Deployment/`, or part of a name).
 */
export function parseEventFilter(input: string): EventFilter {
  const out: EventFilter = {};
  for (const word of input.trim().split(/\s+/).filter(Boolean)) {
    const type = /^(?:type[=:])?(warning|normal)$/i.exec(word);
    if (type) out.type = type[1][0].toUpperCase() + type[1].slice(1).toLowerCase();
    else out.object = word;
  }
  return out;
}

/** The filter as the user would type it again. */
export function eventFilterText(filter: EventFilter): string {
  return [filter.object ?? '', filter.type ?? ''].filter(Boolean).join(' ');
}

/** The rows a filter keeps, in their order. */
export function filterEvents(rows: readonly EventRow[], filter: EventFilter): EventRow[] {
  const type = filter.type?.trim().toLowerCase();
  const object = filter.object?.trim() ?? '';
  const slash = object.indexOf('/');
  const kind = slash >= 0 ? object.slice(0, slash).toLowerCase() : undefined;
  const name = slash >= 0 ? object.slice(slash + 1) : object.toLowerCase();
  return rows.filter((r) => {
    if (type && r.type.toLowerCase() !== type) return false;
    if (!object) return true;
    if (kind !== undefined) return r.kind.toLowerCase() === kind && (!name || r.name === name);
    return r.name.toLowerCase().includes(name);
  });
}

/** Warnings first, then the rest; newest first within each (the live stream's order). */
export function warningsFirst(rows: readonly EventRow[]): EventRow[] {
  return [...rows].sort(
    (a, b) =>
      Number(b.warning) - Number(a.warning) ||
      (Date.parse(b.time) || 0) - (Date.parse(a.time) || 0) ||
      a.object.localeCompare(b.object) ||
      a.reason.localeCompare(b.reason),
  );
}

/** Events grouped by involved object: objects with warnings first, then by their latest event, newest first. */
export function groupByObject(rows: readonly EventRow[]): { object: string; namespace: string; warnings: number; rows: EventRow[] }[] {
  const groups = new Map<string, { object: string; namespace: string; warnings: number; rows: EventRow[]; latest: number }>();
  for (const r of rows) {
    const key = `${r.namespace}/${r.object}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { object: r.object, namespace: r.namespace, warnings: 0, rows: [], latest: 0 }));
    g.rows.push(r);
    if (r.warning) g.warnings++;
    g.latest = Math.max(g.latest, Date.parse(r.time) || 0);
  }
  return [...groups.values()]
    .sort((a, b) => Number(b.warnings > 0) - Number(a.warnings > 0) || b.latest - a.latest || a.object.localeCompare(b.object))
    .map(({ object, namespace, warnings, rows: rs }) => ({ object, namespace, warnings, rows: warningsFirst(rs) }));
}

/** Where a live event stream looks. */
export interface EventScope {
  /** A namespace, or undefined for every namespace. */
  namespace?: string;
  /** Only the events about one object (a field selector on `involvedObject`, as `kubectl events --for` sends). */
  object?: { kind: string; name: string };
}

/**
 * A live list of events (core v1 Events, which every cluster serves), kept current by a watch with
 * the collection's resume, relist and back-off. Listeners hear of every change with the whole
 * current list of rows (oldest first); `problem` holds the last error until the watch recovers.
 */
export class EventStream {
  private readonly live: LiveCollection;
  private readonly listeners = new Set<(rows: EventRow[]) => void>();
  private current: EventRow[] = [];
  /** The last failure's message while the watch is failing. */
  problem: string | undefined;

  constructor(
    api: ApiClient,
    readonly scope: EventScope,
    opts: { backoffMs?: number; maxBackoffMs?: number } = {},
  ) {
    const path = scope.namespace ? `/api/v1/namespaces/${encodeURIComponent(scope.namespace)}/events` : '/api/v1/events';
    const fieldSelector = scope.object ? `involvedObject.kind=${scope.object.kind},involvedObject.name=${scope.object.name}` : undefined;
    this.live = new LiveCollection(api, path, { fieldSelector, apiVersion: 'v1', kind: 'Event', ...opts });
    this.live.onEvent((e) => this.changed(e));
  }

  /** Starts; resolves when the first list is in (or failed). */
  async start(): Promise<void> {
    const first = this.live.next((e) => e.type === 'synced' || e.type === 'error');
    this.live.start();
    await first;
  }

  stop(): void {
    this.live.stop();
    this.listeners.clear();
  }

  /** The rows now, oldest first. */
  rows(): EventRow[] {
    return this.current;
  }

  /** Calls `listener` on every change; returns the unsubscribe. */
  onChange(listener: (rows: EventRow[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the rows at the first change (or now) that satisfies `pred`. */
  until(pred: (rows: EventRow[]) => boolean): Promise<EventRow[]> {
    if (pred(this.current)) return Promise.resolve(this.current);
    return new Promise((resolve) => {
      const off = this.onChange((rows) => {
        if (!pred(rows)) return;
        off();
        resolve(rows);
      });
    });
  }

  private changed(e: CollectionEvent): void {
    if (e.type === 'error') {
      this.problem = e.problem.message;
    } else if (e.type === 'recovered' || e.type === 'synced') {
      this.problem = undefined;
    }
    if (e.type === 'resumed' || e.type === 'offpage') return;
    this.current = eventRows(this.live.items());
    for (const l of [...this.listeners]) l(this.current);
  }
}

/** The events about one object (by name and kind, in its namespace), oldest first. */
export async function objectEvents(api: ApiClient, namespace: string, kind: string, name: string): Promise<EventRow[]> {
  const fieldSelector = `involvedObject.kind=${kind},involvedObject.name=${name}`;
  return eventRows(await listObjects(api, 'Event', namespace, { fieldSelector }));
}

/** All events of a namespace, oldest first. */
export async function namespaceEvents(api: ApiClient, namespace: string): Promise<EventRow[]> {
  return eventRows(await listObjects(api, 'Event', namespace));
}

/** "3m ago" style age of a timestamp relative to `now`. */
export function ago(time: string, now = Date.now()): string {
  const t = Date.parse(time);
  if (!time || Number.isNaN(t)) return '?';
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 120) return `${s}s ago`;
  if (s < 7200) return `${Math.round(s / 60)}m ago`;
  if (s < 172800) return `${Math.round(s / 3600)}h ago`;
  return `${Math.round(s / 86400)}d ago`;
}

/** Escapes text for a Markdown table cell. */
export function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Events as a Markdown table; warnings are bold with a ⚠ so they stand out in the preview. */
export function eventsMarkdown(rows: readonly EventRow[], now = Date.now(), withObject = false): string {
  if (!rows.length) return '_No events (events expire after about an hour)._\n';
  const head = withObject
    ? '| Last seen | Type | Reason | Object | Count | Message |\n|---|---|---|---|---|---|\n'
    : '| Last seen | Type | Reason | Count | Message |\n|---|---|---|---|---|\n';
  return (
    head +
    rows
      .map((r) => {
        const type = r.warning ? '**⚠ Warning**' : r.type;
        const reason = r.warning ? `**${cell(r.reason)}**` : cell(r.reason);
        const obj = withObject ? ` ${cell(r.object)} |` : '';
        return `| ${ago(r.time, now)} | ${type} | ${reason} |${obj} ${r.count} | ${cell(r.message)} |`;
      })
      .join('\n') +
    '\n'
  );
}

/** Events as plain text lines for a read-only document (warnings prefixed with `!`). */
export function eventsText(rows: readonly EventRow[], now = Date.now(), withObject = false): string {
  if (!rows.length) return '  (no events)\n';
  return (
    rows
      .map(
        (r) =>
          `${r.warning ? '!' : ' '} ${ago(r.time, now).padEnd(8)} ${r.type.padEnd(7)} ${r.reason.padEnd(22)} ${withObject ? `${r.object.padEnd(30)} ` : ''}${r.count > 1 ? `(x${r.count}) ` : ''}${r.message}`,
      )
      .join('\n') + '\n'
  );
}

/**
 * The live stream as plain text: a header (scope, counts, the filter, a failing watch), then the
 * warnings, then the rest, newest first in each part.
 */
export function eventStreamText(
  rows: readonly EventRow[],
  opts: { title: string; filter?: EventFilter; problem?: string; now?: number },
): string {
  const now = opts.now ?? Date.now();
  const shown = warningsFirst(filterEvents(rows, opts.filter ?? {}));
  const warnings = shown.filter((r) => r.warning);
  const normal = shown.filter((r) => !r.warning);
  const filterText = [opts.filter?.object ? `object ${opts.filter.object}` : '', opts.filter?.type ? `type ${opts.filter.type}` : '']
    .filter(Boolean)
    .join(', ');
  const withNs = rows.some((r) => r.namespace !== rows[0]?.namespace);
  const line = (r: EventRow): string =>
    `${r.warning ? '!' : ' '} ${ago(r.time, now).padEnd(8)} ${r.type.padEnd(7)} ${r.reason.padEnd(22)} ${(withNs ? `${r.namespace}/${r.object}` : r.object).padEnd(30)} ${r.count > 1 ? `(x${r.count}) ` : ''}${r.message}`;
  const out = [
    `# ${opts.title} — live (${shown.length} of ${rows.length} events${filterText ? `; filter: ${filterText}` : ''})`,
    ...(opts.problem ? [`# The watch failed and is retrying: ${opts.problem}`] : []),
    '',
    `# ---- Warnings (${warnings.length}) ----`,
    ...(warnings.length ? warnings.map(line) : ['  (none)']),
    '',
    `# ---- Normal (${normal.length}) ----`,
    ...(normal.length ? normal.map(line) : ['  (none)']),
    '',
  ];
  return out.join('\n');
}
