/**
 * Filters on the explorer's lists. A filter is typed as words: `key=value`, `key==value` and
 * `key!=value` are label selector terms (sent to the API server, so the list and its watch carry
 * only matching objects), `is:not-ready`, `is:restarting` and `is:failing` keep objects by status,
 * and any other word must appear in the name (case-insensitive). Pure functions over object JSON.
 */
import type { KubeObject } from './api';
import { podSummary, workloadSummary } from './status';

/** The statuses a list can be filtered by. */
export const FILTER_STATUSES = ['not-ready', 'restarting', 'failing'] as const;

/** One status filter. */
export type FilterStatus = (typeof FILTER_STATUSES)[number];

/** A list filter; every part given must match. */
export interface ListFilter {
  /** Substrings of the name (all must appear, case-insensitive). */
  names: string[];
  /** A label selector (equality terms), sent to the server. */
  labelSelector?: string;
  status?: FilterStatus;
}

const LABEL_KEY = /^(?:[a-z0-9](?:[-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

/** Parses a typed filter; throws with a message for the input box when a term is not valid. */
export function parseFilter(text: string): ListFilter {
  const names: string[] = [];
  const labels: string[] = [];
  let status: FilterStatus | undefined;
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    const is = /^is:(.*)$/i.exec(word);
    if (is) {
      const s = is[1].toLowerCase().replace(/^notready$/, 'not-ready') as FilterStatus;
      if (!FILTER_STATUSES.includes(s))
        throw new Error(`Unknown status "${is[1]}": use ${FILTER_STATUSES.map((x) => `is:${x}`).join(', ')}.`);
      if (status && status !== s) throw new Error('One status at a time.');
      status = s;
      continue;
    }
    const label = /^([^=!]+)(==|=|!=)(.*)$/.exec(word);
    if (label) {
      const [, key, op, value] = label;
      if (!LABEL_KEY.test(key) || key.length > 316) throw new Error(`"${key}" is not a label key.`);
      if (!LABEL_VALUE.test(value) || value.length > 63) throw new Error(`"${value}" is not a label value.`);
      labels.push(`${key}${op === '==' ? '=' : op}${value}`);
      continue;
    }
    names.push(word.toLowerCase());
  }
  return { names, labelSelector: labels.length ? labels.join(',') : undefined, status };
}

/** The filter as typed again (for the input box and the node's description). */
export function formatFilter(f: ListFilter): string {
  return [...f.names, ...(f.labelSelector ? f.labelSelector.split(',') : []), ...(f.status ? [`is:${f.status}`] : [])].join(' ');
}

/** Whether a filter has any part. */
export function isEmptyFilter(f: ListFilter | undefined): boolean {
  return !f || (!f.names.length && !f.labelSelector && !f.status);
}

/** Whether an object has the status: pods by their containers, workloads by their ready counts. */
export function hasStatus(o: KubeObject, status: FilterStatus): boolean {
  if (o.kind === 'Pod') {
    const s = podSummary(o);
    if (status === 'restarting') return s.restarts > 0 || s.status === 'CrashLoopBackOff';
    if (status === 'failing') return s.severity === 'error';
    return s.status !== 'Completed' && (s.ready < s.total || s.severity !== 'ok');
  }
  const w = workloadSummary(o);
  if (!w || o.kind === 'CronJob' || status === 'restarting') return false;
  if (status === 'failing') return w.severity === 'error';
  return w.severity !== 'ok' && w.severity !== 'done';
}

/** Whether an object passes the client-side parts of a filter (the label selector is the server's). */
export function matchesFilter(o: KubeObject, f: ListFilter | undefined): boolean {
  if (!f) return true;
  const name = o.metadata.name.toLowerCase();
  if (!f.names.every((n) => name.includes(n))) return false;
  return !f.status || hasStatus(o, f.status);
}
