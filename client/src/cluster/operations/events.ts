/** Events as people read them: newest activity last, warnings marked, repeats counted. */
import type { ApiClient, KubeObject } from '../api';
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

/** Flattens and sorts (oldest first) events; `lastTimestamp`, then the series, `eventTime`, creation. */
export function eventRows(events: readonly KubeObject[]): EventRow[] {
  return events
    .map((o) => {
      const e = o as KubeObject & EventJson;
      const time = e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata.creationTimestamp ?? '';
      return {
        time,
        type: e.type ?? 'Normal',
        reason: e.reason ?? '',
        message: (e.message ?? '').trim(),
        count: e.series?.count ?? e.count ?? 1,
        object: `${e.involvedObject?.kind ?? '?'}/${e.involvedObject?.name ?? '?'}`,
        warning: e.type === 'Warning',
      };
    })
    .sort((a, b) => (Date.parse(a.time) || 0) - (Date.parse(b.time) || 0) || a.reason.localeCompare(b.reason));
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
