/**
 * Where the cursor is in a YAML document, read from indentation alone so it also works on the
 * half-typed, unparseable text an editor holds between keystrokes (block style only; flow
 * collections are not followed).
 */

/** A path of mapping keys and sequence indices from the document root. */
export type YamlPath = (string | number)[];

/** A `key:` seen in the document, with the path of the mapping that holds it. */
export interface KeyOccurrence {
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly key: string;
  readonly parent: YamlPath;
}

/** What sits at a position. */
export type YamlPlace =
  /** On a key (or a bare word being typed where a key goes), in the mapping at `parent`. */
  | { readonly type: 'key'; readonly parent: YamlPath; readonly word: string; readonly start: number; readonly end: number }
  /** On the scalar value of `path` (the text after `key: ` on the same line). */
  | { readonly type: 'value'; readonly path: YamlPath; readonly word: string; readonly start: number; readonly end: number };

/** The lines of the YAML document (between `---` markers) that contains `line`. */
export interface DocumentSpan {
  readonly first: number;
  /** Exclusive. */
  readonly end: number;
}

const DOC_MARKER = /^(?:---|\.\.\.)(?:\s|$)/;
/** A key at the start of `rest`: plain or quoted, followed by `:` and a space or the end. */
const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{[\]}:,][^#:]*?|[^\s#'"{[\]}][^#]*?[^\s:])\s*:(?=\s|$)/;

/** Splits a text into lines (any line break). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** The document span around `line`. */
export function documentSpan(lines: readonly string[], line: number): DocumentSpan {
  let first = 0;
  for (let i = Math.min(line, lines.length - 1); i >= 0; i--) {
    if (DOC_MARKER.test(lines[i]!) && i !== line) {
      first = i + 1;
      break;
    }
  }
  let end = lines.length;
  for (let i = line + 1; i < lines.length; i++) {
    if (DOC_MARKER.test(lines[i]!)) {
      end = i;
      break;
    }
  }
  return { first, end };
}

function unquote(k: string): string {
  if (k.startsWith('"') && k.endsWith('"') && k.length >= 2) {
    try {
      return JSON.parse(k) as string;
    } catch {
      return k.slice(1, -1);
    }
  }
  if (k.startsWith("'") && k.endsWith("'") && k.length >= 2) return k.slice(1, -1).replace(/''/g, "'");
  return k;
}

/** The dashes and the key of one line: `  - - key: value`. */
interface LineShape {
  /** Columns of the `- ` sequence markers, left to right. */
  dashes: number[];
  /** Column where the content after the dashes starts. */
  col: number;
  key: { text: string; start: number; end: number; valueStart: number } | undefined;
  /** `key: |` or `key: >-`: the lines below are text, not YAML. */
  blockScalar: boolean;
}

function shape(line: string): LineShape {
  const dashes: number[] = [];
  let col = line.length - line.trimStart().length;
  while (line[col] === '-' && (col + 1 === line.length || line[col + 1] === ' ' || line[col + 1] === '\t')) {
    dashes.push(col);
    col++;
    while (line[col] === ' ' || line[col] === '\t') col++;
  }
  const rest = line.slice(col);
  const m = KEY.exec(rest);
  if (!m) return { dashes, col, key: undefined, blockScalar: /^[|>][-+0-9]*\s*(?:#.*)?$/.test(rest) };
  const raw = m[1]!;
  let valueStart = col + m[0].length;
  while (line[valueStart] === ' ' || line[valueStart] === '\t') valueStart++;
  const after = line.slice(valueStart);
  return {
    dashes,
    col,
    key: { text: unquote(raw), start: col, end: col + raw.length, valueStart },
    blockScalar: /^[|>][-+0-9]*\s*(?:#.*)?$/.test(after),
  };
}

interface Frame {
  col: number;
  seg: string | number;
  seq: boolean;
}

/**
 * Deeper than this, the walk stops and the services answer nothing. Real documents stay far below;
 * a line of 20,000 `- ` markers made each hover and completion take over a minute.
 */
const MAX_YAML_DEPTH = 200;

/** A forward pass over a document's lines that tracks the open keys and sequence items. */
class Walker {
  readonly stack: Frame[] = [];
  /** Set once nesting passed {@link MAX_YAML_DEPTH}: the walk knows nothing more. */
  tooDeep = false;
  private lastSeqIndex = new Map<string, number>();
  private blockIndent: number | undefined;

  path(): YamlPath {
    return this.stack.map((f) => f.seg);
  }

  /** Inside a block scalar started above: whether `line` belongs to it. */
  inBlockScalar(line: string): boolean {
    if (this.blockIndent === undefined) return false;
    if (line.trim() === '') return true;
    const ind = line.length - line.trimStart().length;
    if (ind > this.blockIndent) return true;
    this.blockIndent = undefined;
    return false;
  }

  private popForDash(d: number): number | undefined {
    let popped: number | undefined;
    while (this.stack.length) {
      const top = this.stack[this.stack.length - 1]!;
      if ((top.seq && top.col >= d) || (!top.seq && top.col > d)) {
        this.stack.pop();
        if (top.seq && top.col === d) popped = top.seg as number;
      } else break;
    }
    return popped;
  }

  private popForKey(k: number): void {
    while (this.stack.length && this.stack[this.stack.length - 1]!.col >= k) this.stack.pop();
  }

  /** Opens one sequence item per `- ` marker of the line (numbering siblings). */
  dashes(s: LineShape): void {
    for (const d of s.dashes) {
      if (this.stack.length >= MAX_YAML_DEPTH) {
        this.tooDeep = true;
        return;
      }
      const prev = this.popForDash(d);
      const parentKey = JSON.stringify(this.path());
      const index = prev !== undefined ? prev + 1 : (this.lastSeqIndex.get(`${parentKey}@${d}`) ?? -1) + 1;
      this.lastSeqIndex.set(`${parentKey}@${d}`, index);
      this.stack.push({ col: d, seg: index, seq: true });
    }
  }

  /** Opens the sequence items of a line and closes what ends before its key column; returns the key's parent path. */
  enter(s: LineShape, keyCol: number): YamlPath {
    if (s.dashes.length === 0) this.popForKey(s.col);
    this.dashes(s);
    this.popForKey(keyCol);
    return this.path();
  }

  /** Processes one whole line; returns the key occurrence, if the line has a key. */
  line(text: string, lineNo: number): KeyOccurrence | undefined {
    if (this.tooDeep || this.inBlockScalar(text)) return undefined;
    const t = text.trim();
    if (t === '' || t.startsWith('#')) return undefined;
    const s = shape(text);
    if (!s.key) {
      this.enter(s, s.col);
      if (s.blockScalar) this.blockIndent = this.stack.length ? this.stack[this.stack.length - 1]!.col : -1;
      return undefined;
    }
    const parent = this.enter(s, s.key.start);
    if (this.tooDeep) return undefined;
    this.stack.push({ col: s.key.start, seg: s.key.text, seq: false });
    if (s.blockScalar) this.blockIndent = s.key.start;
    return { line: lineNo, start: s.key.start, end: s.key.end, key: s.key.text, parent };
  }
}

const WORD = /[^\s:#,[\]{}"']*$/;

/**
 * What is at (`line`, `character`): a key (or the start of one) and the mapping it belongs to, or
 * the value of a key on the same line. Undefined inside comments, block scalars and flow collections.
 */
export function placeAt(lines: readonly string[], line: number, character: number): YamlPlace | undefined {
  if (line < 0 || line >= lines.length) return undefined;
  const span = documentSpan(lines, line);
  const w = new Walker();
  for (let i = span.first; i < line && !w.tooDeep; i++) w.line(lines[i]!, i);
  if (w.tooDeep) return undefined;
  const full = lines[line]!;
  if (w.inBlockScalar(full) && full.trim() !== '') return undefined;
  const hash = commentStart(full);
  if (hash !== undefined && character > hash) return undefined;
  const s = shape(full);
  if (s.key && character >= s.key.start && character <= s.key.end) {
    const parent = w.enter(s, s.key.start);
    return w.tooDeep ? undefined : { type: 'key', parent, word: s.key.text, start: s.key.start, end: s.key.end };
  }
  if (s.key && character >= s.key.valueStart) {
    const rest = full.slice(s.key.valueStart, hash ?? full.length).trimEnd();
    if (/^[[{|>&*!]/.test(rest)) return undefined;
    const path = [...w.enter(s, s.key.start), s.key.text];
    if (w.tooDeep) return undefined;
    const [vs, ve] = unquotedBounds(full, s.key.valueStart, Math.max(s.key.valueStart + rest.length, character));
    return { type: 'value', path, word: full.slice(vs, ve), start: vs, end: ve };
  }
  if (s.key) return undefined;
  // No key yet: a word being typed where a key goes (after indentation and any `- `).
  const before = full.slice(0, character);
  const bs = shape(before);
  if (bs.key) return undefined;
  const word = WORD.exec(before)![0];
  const wordStart = character - word.length;
  if (before.slice(bs.col, wordStart).trim() !== '') return undefined;
  const parent = w.enter(bs, wordStart);
  if (w.tooDeep) return undefined;
  let end = character;
  while (end < full.length && /[^\s:#]/.test(full[end]!)) end++;
  return { type: 'key', parent, word: full.slice(wordStart, end), start: wordStart, end };
}

/** Every key of the document around `line`, with its parent path. */
export function keysOf(lines: readonly string[], line: number): KeyOccurrence[] {
  const span = documentSpan(lines, line);
  const w = new Walker();
  const out: KeyOccurrence[] = [];
  for (let i = span.first; i < span.end && !w.tooDeep; i++) {
    const occ = w.line(lines[i]!, i);
    if (occ) out.push(occ);
  }
  return out;
}

/** The top-level scalar of `key` (e.g. `apiVersion`) in the document around `line`. */
export function topLevelScalar(lines: readonly string[], line: number, key: string): string | undefined {
  const span = documentSpan(lines, line);
  const re = new RegExp(`^${key}\\s*:\\s*["']?([^"'#\\s]+)`);
  for (let i = span.first; i < span.end; i++) {
    const m = re.exec(lines[i]!);
    if (m) return m[1];
  }
  return undefined;
}

/** Where a `#` comment starts on a line (outside quotes), if anywhere. */
export function commentStart(line: string): number | undefined {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      if (i === 0 || /[\s:[{,-]/.test(line[i - 1]!)) quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return i;
  }
  return undefined;
}

function unquotedBounds(line: string, start: number, end: number): [number, number] {
  const q = line[start];
  if ((q === '"' || q === "'") && end > start) {
    const close = line.indexOf(q, start + 1);
    return [start + 1, close > start ? close : end];
  }
  return [start, end];
}
