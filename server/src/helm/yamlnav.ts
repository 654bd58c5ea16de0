/** Small helpers for rules over `Chart.yaml` and values files. */
import { isMap, isPair, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { LineIndex } from '../engine/text';
import type { Range } from '../engine/types';
import { findPair, nodeRange, type YamlDocument } from '../parse/yaml';

/** The root mapping of the first YAML document, if it is one. */
export function rootMap(doc: YamlDocument): YAMLMap | undefined {
  const first = doc.docs[0]?.contents;
  return isMap(first) ? first : undefined;
}

/** Where to report a missing key: the first key of the mapping. */
export function missingKeyRange(lines: LineIndex, map: YAMLMap): Range {
  const first = map.items[0];
  return (isPair(first) ? nodeRange(lines, first.key) : undefined) ?? nodeRange(lines, map) ?? lines.range(0, 0);
}

/** The range of a pair's value, falling back to its key when the value is empty. */
export function valueOrKeyRange(lines: LineIndex, map: unknown, key: string): Range | undefined {
  const pair = findPair(map, key);
  if (!pair) return undefined;
  const v = nodeRange(lines, pair.value);
  const empty = v && v.start.line === v.end.line && v.start.character === v.end.character;
  return (empty ? undefined : v) ?? nodeRange(lines, pair.key);
}

/** One key of a values mapping tree, with where it is. */
export interface ValuesKey {
  readonly path: readonly string[];
  readonly keyRange: Range;
  readonly value: Node | null;
}

/** Every mapping key of a values document, depth first (sequences are not entered). */
export function valuesKeys(lines: LineIndex, map: YAMLMap, prefix: readonly string[] = [], out: ValuesKey[] = []): ValuesKey[] {
  for (const item of map.items) {
    if (!isPair(item) || !isScalar(item.key)) continue;
    const keyRange = nodeRange(lines, item.key);
    if (!keyRange) continue;
    const p = [...prefix, String(item.key.value)];
    const value = (item.value ?? null) as Node | null;
    out.push({ path: p, keyRange, value });
    if (isMap(value)) valuesKeys(lines, value, p, out);
  }
  return out;
}

/** The node at a JSON-pointer-like path (`/a/0/b`) in a YAML tree, and the pair holding it. */
export function nodeAtPointer(root: unknown, pointer: string): { node: Node | undefined; key: Node | undefined } {
  const steps =
    pointer === ''
      ? []
      : pointer
          .slice(1)
          .split('/')
          .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let cur: unknown = root;
  let key: Node | undefined;
  for (const s of steps) {
    if (isMap(cur)) {
      const pair = findPair(cur, s);
      if (!pair) return { node: undefined, key };
      key = pair.key as Node;
      cur = pair.value;
    } else if (isSeq(cur)) {
      cur = cur.items[Number(s)];
      key = undefined;
    } else return { node: undefined, key };
    if (cur === null || cur === undefined) return { node: undefined, key };
  }
  return { node: cur as Node, key };
}
