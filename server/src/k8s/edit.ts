/**
 * Text edits on YAML that keep the file's own style: indentation step, sequence indentation,
 * comments and key order. Quick fixes build their edits from these; nothing here re-serialises a
 * whole document.
 */
import { isMap, isPair, isScalar, isSeq, stringify, type Node, type Pair, type YAMLMap } from 'yaml';
import type { LineIndex } from '../engine/text';
import type { TextEdit } from '../engine/types';
import { findPair } from '../parse/yaml';

/** How a file indents: the step of nested mappings and whether `- ` items sit deeper than their key. */
export interface IndentStyle {
  readonly unit: number;
  readonly indentSeq: boolean;
}

const KEY_LINE = /^( *)(?:- +)?["']?[\w.\-/]+["']?\s*:(?:\s|$)/;

/** Reads the indentation style of a YAML text (2 spaces and indented sequences when unsure). */
export function indentStyle(text: string): IndentStyle {
  const lines = text.split(/\r?\n/, 2000);
  let unit = 0;
  let indentSeq: boolean | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const m = KEY_LINE.exec(line);
    if (!m) continue;
    const ind = m[1]!.length;
    if (ind > 0 && (unit === 0 || ind < unit) && !line.trimStart().startsWith('-')) unit = ind;
    if (indentSeq === undefined && /:\s*(?:#.*)?$/.test(line)) {
      const next = lines.slice(i + 1).find((l) => l.trim() !== '' && !l.trim().startsWith('#'));
      if (next?.trimStart().startsWith('- ')) indentSeq = next.length - next.trimStart().length > ind;
    }
  }
  if (unit < 2 || unit > 8) unit = 2;
  return { unit, indentSeq: indentSeq ?? true };
}

/** A scalar as YAML flow text (quoted only when it must be). */
function scalarText(v: unknown): string {
  return stringify(v, { lineWidth: 0 }).trimEnd();
}

/** Plain data as one line of YAML flow text (`{a: 1, b: [x]}`), for use inside a flow collection. */
export function flowText(v: unknown): string {
  return stringify(v, { lineWidth: 0, collectionStyle: 'flow' }).trimEnd();
}

/**
 * Edits that add items inside a flow collection (`{…}` or `[…]`) just before its closing bracket:
 * a block rendering there would no longer parse.
 */
function insertIntoFlow(lines: LineIndex, node: unknown, items: readonly string[]): TextEdit[] {
  const r = offsets(node);
  if (!r || !items.length) return [];
  const text = lines.text;
  let close = r[1] - 1;
  while (close > r[0] && /\s/.test(text[close]!)) close--;
  if (text[close] !== '}' && text[close] !== ']') return [];
  let prev = close - 1;
  while (prev > r[0] && /\s/.test(text[prev]!)) prev--;
  const lead = text[prev] === '{' || text[prev] === '[' || text[prev] === ',' ? '' : ', ';
  return [insertAt(lines, close, lead + items.join(', '))];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Block YAML lines for `value` at column `col` (a mapping's keys or a sequence's dashes). */
function blockLines(value: unknown, col: number, style: IndentStyle): string[] {
  const pad = ' '.repeat(col);
  const out: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      if ((isPlainObject(item) && Object.keys(item).length) || (Array.isArray(item) && item.length)) {
        const inner = blockLines(item, col + 2, style);
        out.push(`${pad}- ${inner[0]!.trimStart()}`, ...inner.slice(1));
      } else out.push(`${pad}- ${scalarOrEmpty(item)}`);
    }
  } else if (isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      const key = scalarText(k);
      if (isPlainObject(v) && Object.keys(v).length) out.push(`${pad}${key}:`, ...blockLines(v, col + style.unit, style));
      else if (Array.isArray(v) && v.length) out.push(`${pad}${key}:`, ...blockLines(v, col + (style.indentSeq ? style.unit : 0), style));
      else out.push(`${pad}${key}: ${scalarOrEmpty(v)}`);
    }
  } else out.push(`${pad}${scalarOrEmpty(value)}`);
  return out;
}

function scalarOrEmpty(v: unknown): string {
  if (Array.isArray(v)) return '[]';
  if (isPlainObject(v)) return '{}';
  return scalarText(v);
}

/** Renders plain data as block YAML lines indented by `indent` spaces, each ending in a newline. */
export function renderBlock(value: unknown, indent: number, style: IndentStyle): string {
  return blockLines(value, indent, style)
    .map((l) => `${l}\n`)
    .join('');
}

function offsets(node: unknown): [number, number, number] | undefined {
  return (node as { range?: [number, number, number] } | null)?.range;
}

/** The column at which a block mapping's keys start. */
export function mapColumn(lines: LineIndex, map: YAMLMap): number | undefined {
  const first = map.items[0];
  const r = first && offsets(first.key);
  return r ? lines.positionAt(r[0]).character : undefined;
}

/** The column of a pair's key. */
function keyColumn(lines: LineIndex, pair: Pair): number {
  const r = offsets(pair.key);
  return r ? lines.positionAt(r[0]).character : 0;
}

/** Offset of the start of the line after the one containing `offset` (or the text end). */
function nextLineStart(lines: LineIndex, offset: number): { at: number; needsBreak: boolean } {
  const line = lines.positionAt(offset).line;
  if (line + 1 < lines.lineCount) return { at: lines.lineStart(line + 1), needsBreak: false };
  return { at: lines.text.length, needsBreak: true };
}

/** Where to insert a new last item of a block mapping (after its last value, before what follows). */
function endOfMap(lines: LineIndex, map: YAMLMap): { at: number; needsBreak: boolean } | undefined {
  const last = map.items[map.items.length - 1];
  if (!last) return undefined;
  const r = offsets(last.value) ?? offsets(last.key);
  if (!r) return undefined;
  const end = r[1];
  const text = lines.text;
  // Block collections and block scalars end after their last line break already.
  if (end > 0 && (text[end - 1] === '\n' || text[end - 1] === '\r')) return { at: end, needsBreak: false };
  return nextLineStart(lines, end);
}

/** An insertion of text at an offset. */
function insertAt(lines: LineIndex, at: number, newText: string): TextEdit {
  const p = lines.positionAt(at);
  return { range: { start: p, end: p }, newText };
}

/**
 * Edits that merge plain data into an existing block mapping: missing keys are added after the last
 * key (in the data's order), nested mappings are merged key by key, existing scalars are kept, and a
 * missing item is appended to an existing sequence. `{}` / `[]` / empty values are replaced.
 */
export function mergeIntoMap(lines: LineIndex, map: YAMLMap, data: Record<string, unknown>, style: IndentStyle): TextEdit[] {
  const edits: TextEdit[] = [];
  const missing: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    const pair = findPair(map, key);
    if (!pair) {
      missing[key] = value;
      continue;
    }
    edits.push(...mergeIntoPair(lines, pair, value, style, map.flow === true));
  }
  if (Object.keys(missing).length) {
    if (map.flow) {
      edits.push(
        ...insertIntoFlow(
          lines,
          map,
          Object.entries(missing).map(([k, v]) => `${scalarText(k)}: ${flowText(v)}`),
        ),
      );
      return edits;
    }
    if (map.items.length === 0) return edits;
    const col = mapColumn(lines, map) ?? 0;
    const where = endOfMap(lines, map);
    if (where) edits.push(insertAt(lines, where.at, (where.needsBreak ? '\n' : '') + renderBlock(missing, col, style)));
  }
  return edits;
}

function isEmptyValue(node: Node | null): boolean {
  if (node === null || node === undefined) return true;
  if (isScalar(node)) return node.value === null || node.value === '';
  if ((isMap(node) || isSeq(node)) && node.items.length === 0) return true;
  return false;
}

/**
 * Edits that merge `value` into the value of an existing pair. `inFlow`: the pair sits in a flow
 * mapping, so what is written there must be flow text.
 */
export function mergeIntoPair(
  lines: LineIndex,
  pair: Pair<Node, Node | null>,
  value: unknown,
  style: IndentStyle,
  inFlow = false,
): TextEdit[] {
  const col = keyColumn(lines, pair);
  const node = pair.value;
  if (isEmptyValue(node) && !(inFlow && (isMap(node) || isSeq(node)))) return [replacePairValue(lines, pair, value, col, style, inFlow)];
  if (isMap(node) && value && typeof value === 'object' && !Array.isArray(value)) {
    if (node.flow && !inFlow)
      return [replacePairValue(lines, pair, { ...(node.toJSON() as Record<string, unknown>), ...value }, col, style)];
    return mergeIntoMap(lines, node, value as Record<string, unknown>, style);
  }
  if (isSeq(node) && Array.isArray(value)) {
    const have = new Set(node.items.map((i) => JSON.stringify(isScalar(i) ? String(i.value) : (i as Node).toJSON())));
    const add = value.filter((v) => !have.has(JSON.stringify(typeof v === 'object' ? v : String(v))));
    if (!add.length) return [];
    if (node.flow && inFlow) return insertIntoFlow(lines, node, add.map(flowText));
    if (node.flow) return [replacePairValue(lines, pair, [...(node.toJSON() as unknown[]), ...add], col, style)];
    const fr: [number, number, number] | undefined = offsets(node.items[0]);
    // The dash sits two columns before the item's content.
    const dashCol = fr ? Math.max(0, lines.positionAt(fr[0]).character - 2) : col + (style.indentSeq ? style.unit : 0);
    const r = offsets(node);
    if (!r) return [];
    const end = r[1];
    const where =
      end > 0 && (lines.text[end - 1] === '\n' || lines.text[end - 1] === '\r')
        ? { at: end, needsBreak: false }
        : nextLineStart(lines, end);
    const body = add.map((v) => seqItem(v, dashCol, style)).join('');
    return [insertAt(lines, where.at, (where.needsBreak ? '\n' : '') + body)];
  }
  return [];
}

/** One `- item` of a block sequence whose dashes sit at `dashCol`. */
function seqItem(v: unknown, dashCol: number, style: IndentStyle): string {
  return renderBlock([v], dashCol, style);
}

/** Replaces a pair's value (whatever it is) with a block rendering of `value`. */
export function replacePairValue(
  lines: LineIndex,
  pair: Pair<Node, Node | null>,
  value: unknown,
  col: number,
  style: IndentStyle,
  inFlow = false,
): TextEdit {
  const kr = offsets(pair.key)!;
  const vr = offsets(pair.value);
  const start = kr[1];
  // Keep a trailing comment on the key's line: replace only up to the end of the value itself.
  let end = vr && vr[1] > vr[0] ? vr[1] : start;
  if (lines.text.slice(start, end).endsWith('\n')) end -= 1;
  if (lines.text[end - 1] === '\r') end -= 1;
  const scalar = value === null || typeof value !== 'object';
  const newText = inFlow
    ? `: ${flowText(value)}`
    : scalar
      ? `: ${scalarText(value)}`
      : `:\n${renderBlock(value, col + (Array.isArray(value) && !style.indentSeq ? 0 : style.unit), style).replace(/\n$/, '')}`;
  return { range: lines.range(start, end), newText };
}

/** Replaces a key's text (a rename), keeping its value, comments and position. */
export function renameKey(lines: LineIndex, pair: Pair, newName: string): TextEdit | undefined {
  const r = offsets(pair.key);
  return r ? { range: lines.range(r[0], r[1]), newText: newName } : undefined;
}

/** Replaces a scalar node's text. */
export function replaceNode(lines: LineIndex, node: unknown, newText: string): TextEdit | undefined {
  const r = offsets(node);
  if (!r) return undefined;
  let end = r[1];
  while (end > r[0] && /\s/.test(lines.text[end - 1]!)) end--;
  return { range: lines.range(r[0], end), newText };
}

/** Deletes a pair of a block mapping with its whole lines (the lines of its key through its value). */
export function removePair(lines: LineIndex, map: YAMLMap, pair: Pair): TextEdit | undefined {
  if (map.flow || !isPair(pair)) return undefined;
  const kr = offsets(pair.key);
  if (!kr) return undefined;
  const first = lines.positionAt(kr[0]).line;
  const vr = offsets(pair.value);
  const endOff = vr ? vr[1] : kr[1];
  let last = lines.positionAt(endOff).line;
  if (endOff > 0 && lines.text[endOff - 1] === '\n') last -= 1;
  const start = lines.lineStart(first);
  const lineOfKey = lines.lineText(first);
  // A key that follows `- ` on its line cannot lose its line.
  if (lineOfKey.slice(0, lines.positionAt(kr[0]).character).trim() !== '') return undefined;
  const end = last + 1 < lines.lineCount ? lines.lineStart(last + 1) : lines.text.length;
  return { range: lines.range(start, end), newText: '' };
}

/** Adds a key with a block value after the last key of `map`. */
export function addKey(lines: LineIndex, map: YAMLMap, key: string, value: unknown, style: IndentStyle): TextEdit[] {
  return mergeIntoMap(lines, map, { [key]: value }, style);
}
