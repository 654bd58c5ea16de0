/**
 * What the log viewer shows, as plain data: a bounded buffer of log lines and notices, a filter (text
 * or a regular expression on RE2's linear-time engine, since the pattern is typed by the user and log
 * lines are long and many), the rendering of the buffer (per-source prefix, timestamps, filter applied
 * by highlighting or by hiding), jumps between matches, and the "since" the user types (`5m`, `1h`,
 * an RFC 3339 time). No `vscode` here: the viewer in the explorer only draws what this computes.
 */
import { RE2JS } from 're2js';
import { RingBuffer, timestampNanos, type LogLine, type LogNotice } from './logs';

/** One entry of the buffer: a log line, or a notice about the stream (reconnects, the pod gone). */
export interface LogEntry {
  /** `pod/container`. */
  source: string;
  /** RFC 3339 from the server ('' for notices and untimestamped lines). */
  timestamp: string;
  /** The line without its timestamp, control sequences removed. */
  text: string;
  notice: boolean;
}

// ANSI/VT escape sequences (colours, cursor moves) mean nothing in a text document. Linear: no
// nested quantifiers, and every alternative starts with ESC.
// eslint-disable-next-line no-control-regex
const ESCAPES = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f]/g;

/** A log line's text as a document can show it: escape sequences dropped, other control characters too, tabs kept. */
export function cleanLogText(text: string): string {
  return text.replace(ESCAPES, '').replace(CONTROLS, '');
}

/** The bounded buffer of a log view: the newest `capacity` entries; how many older ones were dropped. */
export class LogBuffer {
  private ring: RingBuffer<LogEntry>;
  /** Sources in order of first appearance (their colour is their index). */
  private readonly sources = new Map<string, number>();
  /** Bumped on every change, so a view redraws only when something changed. */
  version = 0;

  constructor(readonly capacity: number) {
    this.ring = new RingBuffer<LogEntry>(capacity);
  }

  /** Lines dropped because the buffer was full. */
  get dropped(): number {
    return this.ring.dropped;
  }

  get length(): number {
    return this.ring.length;
  }

  /** Adds a line from a stream. */
  line(l: LogLine): void {
    this.push({ source: `${l.target.pod}/${l.target.container}`, timestamp: l.timestamp, text: cleanLogText(l.text), notice: false });
  }

  /** Adds a notice about a stream. */
  notice(n: LogNotice): void {
    this.push({ source: `${n.target.pod}/${n.target.container}`, timestamp: '', text: cleanLogText(n.message), notice: true });
  }

  /** The index of a source (stable for the buffer's life; the view picks the colour from it). */
  sourceIndex(source: string): number {
    let i = this.sources.get(source);
    if (i === undefined) this.sources.set(source, (i = this.sources.size));
    return i;
  }

  /** Oldest first. */
  entries(): LogEntry[] {
    return this.ring.toArray();
  }

  /** Empties the buffer (a new "since" re-reads the log). */
  clear(): void {
    this.ring = new RingBuffer<LogEntry>(this.capacity);
    this.version++;
  }

  private push(e: LogEntry): void {
    this.sourceIndex(e.source);
    this.ring.push(e);
    this.version++;
  }
}

/** What the user asked to find. */
export interface FilterSpec {
  text: string;
  regex: boolean;
  caseSensitive: boolean;
  /** Highlight matches and dim the other lines, or show only the lines that match. */
  mode: 'highlight' | 'hide';
}

/** A compiled filter: where it matches in a line. */
export interface LogFilter {
  readonly spec: FilterSpec;
  /** Non-empty match ranges `[start, end)` in UTF-16 offsets, left to right, at most `MAX_MATCHES_PER_LINE`. */
  find(line: string): [number, number][];
}

/** Matches highlighted per line at most (the rest of a pathological line still counts as matching). */
export const MAX_MATCHES_PER_LINE = 200;

/**
 * Compiles a filter. A regular expression runs on RE2 (linear time whatever the pattern); what RE2
 * cannot run (lookaround, backreferences) is an error for the user, not a slower engine. Plain text
 * is matched literally.
 */
export function compileFilter(spec: FilterSpec): { ok: true; filter: LogFilter } | { ok: false; error: string } {
  if (!spec.text) return { ok: false, error: 'Type something to find.' };
  let re: RE2JS;
  try {
    re = RE2JS.compile(spec.regex ? spec.text : RE2JS.quote(spec.text), spec.caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, error: `Not a supported regular expression: ${message.replace(/^error parsing regexp: /, '')}` };
  }
  return {
    ok: true,
    filter: {
      spec,
      find(line) {
        const out: [number, number][] = [];
        const m = re.matcher(line);
        while (out.length < MAX_MATCHES_PER_LINE && m.find()) {
          if (m.end() > m.start()) out.push([m.start(), m.end()]);
        }
        return out;
      },
    },
  };
}

/** How to render the buffer. */
export interface RenderOptions {
  timestamps: boolean;
  /** Prefix each line with `[pod/container]` (several streams merged). */
  prefix: boolean;
  filter?: LogFilter;
  /** Named in the marker that says lines were dropped. */
  maxLinesSetting?: string;
}

/** One line of the rendered document. */
export interface RenderedLine {
  /** What the line is: a log line, a notice, or the "older lines dropped" marker. */
  kind: 'line' | 'notice' | 'marker';
  /** The source's index (its colour), for lines and notices. */
  source?: number;
  /** Length of the `[pod/container] ` prefix (0 without one). */
  prefixLength: number;
  /** Length of the timestamp and its space (0 when not shown). */
  timestampLength: number;
  /** Filter matches in the rendered line. */
  matches: [number, number][];
  /** The filter matched this line (always false without a filter). */
  matched: boolean;
}

/** The rendered document: its text, what each line is, and which lines match. */
export interface RenderedLog {
  text: string;
  lines: RenderedLine[];
  /** Indexes (0-based document lines) of the lines the filter matched, ascending. */
  matchLines: number[];
  /** Lines of the buffer the filter hid. */
  hidden: number;
}

/** Each entry's matches for the filter and the text they were found in: a redraw while lines stream in matches only the new lines. */
const matchCache = new WeakMap<LogEntry, { filter: LogFilter; line: string; matches: [number, number][] }>();

function cachedMatches(e: LogEntry, line: string, filter: LogFilter): [number, number][] {
  const hit = matchCache.get(e);
  if (hit && hit.filter === filter && hit.line === line) return hit.matches;
  const matches = filter.find(line);
  matchCache.set(e, { filter, line, matches });
  return matches;
}

/**
 * Renders the buffer. The filter runs over the rendered line (prefix and timestamp included, so
 * `web-a/` picks one pod's lines). Notices and the dropped marker are never hidden.
 */
export function renderLog(buffer: LogBuffer, opts: RenderOptions): RenderedLog {
  const texts: string[] = [];
  const lines: RenderedLine[] = [];
  const matchLines: number[] = [];
  let hidden = 0;
  if (buffer.dropped > 0) {
    texts.push(
      `… ${buffer.dropped} older line${buffer.dropped === 1 ? '' : 's'} dropped (the view keeps the newest ${buffer.capacity}${opts.maxLinesSetting ? `; setting ${opts.maxLinesSetting}` : ''})`,
    );
    lines.push({ kind: 'marker', prefixLength: 0, timestampLength: 0, matches: [], matched: false });
  }
  for (const e of buffer.entries()) {
    const prefix = opts.prefix ? `[${e.source}] ` : '';
    const ts = opts.timestamps && e.timestamp ? `${e.timestamp} ` : '';
    const text = e.notice ? `-- ${e.text}` : e.text;
    const line = prefix + ts + text;
    const matches = opts.filter && !e.notice ? cachedMatches(e, line, opts.filter) : [];
    const matched = matches.length > 0;
    if (opts.filter?.spec.mode === 'hide' && !matched && !e.notice) {
      hidden++;
      continue;
    }
    if (matched) matchLines.push(lines.length);
    texts.push(line);
    lines.push({
      kind: e.notice ? 'notice' : 'line',
      source: buffer.sourceIndex(e.source),
      prefixLength: prefix.length,
      timestampLength: ts.length,
      matches,
      matched,
    });
  }
  return { text: texts.join('\n') + (texts.length ? '\n' : ''), lines, matchLines, hidden };
}

/**
 * The next (or previous) matching line after (before) `from`, wrapping around; undefined when
 * nothing matches. `matchLines` is ascending.
 */
export function nextMatch(matchLines: readonly number[], from: number, direction: 1 | -1): number | undefined {
  if (!matchLines.length) return undefined;
  // Binary search: the first index whose line is > from (forward) or >= from (backward).
  let lo = 0;
  let hi = matchLines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (direction === 1 ? matchLines[mid] <= from : matchLines[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  if (direction === 1) return matchLines[lo] ?? matchLines[0];
  return lo > 0 ? matchLines[lo - 1] : matchLines[matchLines.length - 1];
}

/** Where reading starts: seconds back, an RFC 3339 time, or everything (`{}`). */
export type Since = { sinceSeconds: number } | { sinceTime: string } | Record<string, never>;

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/**
 * Parses what the user typed for "since": a duration as kubectl's `--since` takes it (`90s`, `5m`,
 * `1h30m`; `d` for days too), an RFC 3339 time (`2026-12-07T10:00:00Z`, with a fraction or an
 * offset), or nothing / `all` for the whole log. A time in the future or a zero duration is an error.
 */
export function parseSince(input: string, now = Date.now()): { ok: true; since: Since; label: string } | { ok: false; error: string } {
  const s = input.trim();
  if (s.length > 64) return { ok: false, error: 'Too long for a duration or a time.' };
  if (!s || s.toLowerCase() === 'all') return { ok: true, since: {}, label: 'everything' };
  if (/^(?:\d+[smhd])+$/i.test(s)) {
    let seconds = 0;
    for (const [, n, unit] of s.toLowerCase().matchAll(/(\d+)([smhd])/g)) seconds += Number(n) * UNIT_SECONDS[unit];
    if (!Number.isSafeInteger(seconds) || seconds <= 0) return { ok: false, error: `${s} is not a positive duration.` };
    return { ok: true, since: { sinceSeconds: seconds }, label: `the last ${s}` };
  }
  const nanos = timestampNanos(s);
  if (nanos !== undefined) {
    if (nanos > BigInt(now) * 1_000_000n) return { ok: false, error: `${s} is in the future.` };
    return { ok: true, since: { sinceTime: s }, label: `since ${s}` };
  }
  return { ok: false, error: 'A duration such as 5m, 1h or 1h30m, or an RFC 3339 time such as 2026-12-07T10:00:00Z.' };
}

/**
 * What the user typed in the filter box: `/pattern/` is a regular expression (case-sensitive),
 * `/pattern/i` one that ignores case; anything else is plain text, matched ignoring case.
 */
export function parseFilterInput(input: string, mode: FilterSpec['mode']): FilterSpec {
  const m = /^\/(.+)\/(i?)$/s.exec(input);
  if (m) return { text: m[1], regex: true, caseSensitive: m[2] !== 'i', mode };
  return { text: input, regex: false, caseSensitive: false, mode };
}

/** The filter as the user would type it again (the inverse of {@link parseFilterInput}). */
export function filterInputText(spec: FilterSpec): string {
  return spec.regex ? `/${spec.text}/${spec.caseSensitive ? '' : 'i'}` : spec.text;
}
