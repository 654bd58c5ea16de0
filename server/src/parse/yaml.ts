import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { LineIndex, commonPrefixLength, commonSuffixLength } from '../engine/text';
import { parseBlockYaml, shiftRanges, withoutStackTraces } from './yaml-block';
import type { Range } from '../engine/types';

/** One YAML document of a manifest file that looks like a Kubernetes object. */
export interface ManifestObject {
  /** Index of the YAML document in the file (0-based). */
  readonly docIndex: number;
  readonly doc: Document.Parsed;
  /** The object's mapping: the document's root, or an item of a `List`. */
  readonly root: YAMLMap;
  readonly apiVersion: string | undefined;
  readonly kind: string | undefined;
  readonly name: string | undefined;
  readonly namespace: string | undefined;
  /** The object as plain data; `undefined` when it cannot be materialised safely (alias bombs). */
  readonly value: Record<string, unknown> | undefined;
  /** The range of the whole document content. */
  readonly range: Range;
}

/** A YAML syntax problem, located in the text. */
export interface YamlProblem {
  readonly message: string;
  readonly range: Range;
}

/** YAML-based kinds share this parsed form. */
export type YamlKind = 'manifest' | 'kustomization' | 'helm-chart' | 'helm-values' | 'shipshape-config' | 'compose';

/** A parsed YAML file: every document with source ranges, the objects among them, the errors. */
export interface YamlDocument {
  readonly kind: YamlKind;
  readonly text: string;
  readonly lines: LineIndex;
  readonly docs: readonly Document.Parsed[];
  /** Documents whose root is a mapping (for manifests: each Kubernetes object). */
  readonly objects: readonly ManifestObject[];
  readonly errors: readonly YamlProblem[];
}

/** Aliases beyond this count make `toJS` refuse, which defuses "billion laughs" inputs. */
const MAX_ALIAS_COUNT = 1000;

/**
 * Parses every YAML document in `text`, keeping source ranges; never throws.
 *
 * With `previous` (an earlier parse, normally of the same file one keystroke ago), the documents
 * that lie wholly before the first changed line and end at a `---` line that did not change are
 * taken over with their objects, and only the rest of the text is parsed. That is exact: a document
 * reads nothing beyond its end, a `---` at the start of a line always starts the next document
 * (YAML forbids it inside any scalar), and files with directives (`%`) or `...` ends are parsed
 * whole.
 *
 * With `takeOver` as well, the caller gives up `previous`: the documents wholly after the last
 * changed line, from a `---` line that did not change, are taken too, their source positions moved
 * in place by the change in length (`previous` must not be used afterwards). Only the documents
 * the change touches are parsed again.
 */
export function parseYaml(text: string, kind: YamlKind, previous?: YamlDocument, takeOver = false): YamlDocument {
  const lines = new LineIndex(text);
  const kept = previous?.kind === kind ? unchangedDocuments(previous, text) : undefined;
  const start = kept?.end ?? 0;
  let tail = previous?.kind === kind && takeOver ? unchangedTail(previous, text, start, kept?.docs.length ?? 0) : undefined;
  let fresh = parseDocuments(text.slice(start, tail?.start ?? text.length));
  // The parsed middle must end where the kept tail begins, with a document reaching the `---` line
  // and closing everything it opened: an unclosed quote or bracket runs on over a `---` line, so a
  // last document with an error there makes the documents after it parse again.
  const last = fresh[fresh.length - 1];
  if (tail && (last ? last.range[2] !== tail.start - start || last.errors.length > 0 : start !== tail.start)) {
    tail = undefined;
    fresh = parseDocuments(text.slice(start));
  }
  if (start) for (const doc of fresh) shiftOffsets(doc, start);
  const delta = text.length - (previous?.text.length ?? 0);
  if (tail && delta) for (const doc of tail.docs) shiftOffsets(doc, delta);
  const list = [...(kept?.docs ?? []), ...fresh, ...(tail?.docs ?? [])];
  const firstTail = list.length - (tail?.docs.length ?? 0);
  const errors: YamlProblem[] = [];
  const objects: ManifestObject[] = kept ? [...kept.objects] : [];
  let contentEnd: number | undefined;
  list.forEach((doc, docIndex) => {
    for (const e of doc.errors) {
      let [s, t] = e.pos;
      contentEnd ??= text.trimEnd().length;
      if (s >= contentEnd) {
        // Errors "at end of input" point at the last character, not at an empty line after it.
        s = Math.max(0, contentEnd - 1);
        t = s + 1;
      }
      errors.push({ message: e.message.split('\n')[0] ?? e.message, range: lines.range(s, Math.max(t, s + 1)) });
    }
    if (kept && docIndex < kept.docs.length) return;
    if (tail && docIndex >= firstTail) {
      // Objects of the tail: the same ones while their lines and index are the same, else placed again.
      for (const o of tail.objects.get(doc) ?? []) {
        const same = o.docIndex === docIndex && lines.lineCount === previous!.lines.lineCount;
        objects.push(same ? o : { ...o, docIndex, range: nodeRange(lines, o.root) ?? lines.range(0, 0) });
      }
      return;
    }
    const root = doc.contents;
    if (!isMap(root)) return;
    let value: Record<string, unknown> | undefined;
    try {
      const js: unknown = collectionKey(root) ? undefined : doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      value = js && typeof js === 'object' && !Array.isArray(js) ? (js as Record<string, unknown>) : undefined;
    } catch {
      value = undefined;
    }
    const items = kind === 'manifest' ? listItems(root) : undefined;
    if (!items) {
      objects.push(manifestObject(lines, doc, docIndex, root, value));
      return;
    }
    // A `List` is a wrapper, not an object: each item is checked (and indexed) as an object of its own.
    const values = Array.isArray(value?.items) ? (value.items as unknown[]) : [];
    items.forEach((item, i) => {
      if (!isMap(item)) return;
      const v = values[i];
      objects.push(
        manifestObject(
          lines,
          doc,
          docIndex,
          item,
          v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined,
        ),
      );
    });
  });
  return { kind, text, lines, docs: list, objects, errors };
}

function manifestObject(
  lines: LineIndex,
  doc: Document.Parsed,
  docIndex: number,
  root: YAMLMap,
  value: Record<string, unknown> | undefined,
): ManifestObject {
  const metadata = getIn(root, ['metadata']);
  return {
    docIndex,
    doc,
    root,
    apiVersion: scalarString(getIn(root, ['apiVersion'])),
    kind: scalarString(getIn(root, ['kind'])),
    name: scalarString(getIn(metadata, ['name'])),
    namespace: scalarString(getIn(metadata, ['namespace'])),
    value,
    range: nodeRange(lines, root) ?? lines.range(0, 0),
  };
}

/**
 * The items of a `kind: List` (or `DeploymentList`, `PodList`…: what `kubectl get -o yaml` prints),
 * or undefined when `root` is not such a list.
 */
function listItems(root: YAMLMap): readonly unknown[] | undefined {
  const kind = scalarString(getIn(root, ['kind']));
  if (!kind || !/^(?:[A-Z][A-Za-z0-9]*)?List$/.test(kind)) return undefined;
  const items = getIn(root, ['items']);
  return isSeq(items) ? items.items : undefined;
}

/**
 * The options of every parse. `logLevel: 'error'` keeps the library from printing process warnings
 * (to the CLI's stderr) for odd keys.
 */
export const YAML_OPTIONS = { prettyErrors: false, uniqueKeys: true, strict: false, logLevel: 'error' } as const;

function parseDocuments(text: string): Document.Parsed[] {
  const fast = parseBlockYaml(text, YAML_OPTIONS);
  if (fast) return fast;
  // The library's errors and warnings are `Error`s, each capturing a stack trace that nothing reads:
  // about a tenth of the parse of a manifest broken while typing (three or four errors), two thirds
  // with dozens (an unclosed `[` near the top).
  const docs = withoutStackTraces(() => parseAllDocuments(text, YAML_OPTIONS));
  return Array.isArray(docs) ? docs : [];
}

/** A line starting with a directive or a document end marker: such files are always parsed whole. */
const DIRECTIVE_OR_END = /^(?:%|\.\.\.)/m;

/**
 * The documents of `previous` that `text` leaves as they were, with their objects: those before the
 * last `---` line that, with its line break, lies in the part both texts share. `end` is where that
 * line starts.
 */
function unchangedDocuments(
  previous: YamlDocument,
  text: string,
): { docs: Document.Parsed[]; objects: ManifestObject[]; end: number } | undefined {
  if (previous.docs.length < 2) return undefined;
  const same = commonPrefixLength(previous.text, text);
  let end = -1;
  // Backwards over the `---` line starts before `same`; a file opening with a blank line and `---` has nothing to keep.
  for (let i = text.lastIndexOf('\n---', same - 1); i > 0 && end < 0; i = text.lastIndexOf('\n---', i - 1)) {
    const lineEnd = text.indexOf('\n', i + 1);
    if (lineEnd >= 0 && lineEnd < same && /^---(?:[ \t\r\n]|$)/.test(text.slice(i + 1, i + 5))) end = i + 1;
  }
  if (end < 0 || DIRECTIVE_OR_END.test(text)) return undefined;
  const docs: Document.Parsed[] = [];
  for (const doc of previous.docs) {
    if (doc.range[2] > end) break;
    docs.push(doc);
  }
  // The last document kept must reach the `---` line (so nothing between them is attached to the
  // next document), and the next one must start there.
  const next = previous.docs[docs.length];
  if (docs.at(-1)?.range[2] !== end || next?.range[0] !== end) return undefined;
  return { docs, objects: previous.objects.filter((o) => o.docIndex < docs.length), end };
}

/**
 * The documents of `previous` that `text` leaves as they were at its end: those from the first
 * `---` line that, with the line break before it, lies in the part both texts share at their ends,
 * and after `from` (where the kept head ends) and the `minDoc` documents kept there. `start` is
 * where that line starts in `text`; the documents keep `previous`'s positions until moved.
 */
function unchangedTail(
  previous: YamlDocument,
  text: string,
  from: number,
  minDoc: number,
): { docs: Document.Parsed[]; objects: Map<Document.Parsed, ManifestObject[]>; start: number } | undefined {
  const old = previous.text;
  if (previous.docs.length < 2 || DIRECTIVE_OR_END.test(text)) return undefined;
  const same = commonSuffixLength(old, text, Math.min(old.length, text.length) - commonPrefixLength(old, text));
  const delta = text.length - old.length;
  // The earliest document start (in `previous`) whose `---` line and the line break before it are shared.
  const docs = previous.docs;
  for (let j = Math.max(1, minDoc); j < docs.length; j++) {
    const at = docs[j]!.range[0];
    if (at - 1 < old.length - same || at + delta < from) continue;
    if (docs[j - 1]!.range[2] !== at || old[at - 1] !== '\n' || !/^---(?:[ \t\r\n]|$)/.test(old.slice(at, at + 4))) continue;
    const taken = docs.slice(j);
    const objects = new Map<Document.Parsed, ManifestObject[]>();
    for (const o of previous.objects) {
      if (o.docIndex < j) continue;
      const list = objects.get(o.doc) ?? [];
      list.push(o);
      objects.set(o.doc, list);
    }
    return { docs: taken, objects, start: at + delta };
  }
  return undefined;
}

/** Moves every source position of a document parsed from a slice of the text by `by`. */
function shiftOffsets(doc: Document.Parsed, by: number): void {
  const moved = (r: readonly [number, number, number]): [number, number, number] => [r[0] + by, r[1] + by, r[2] + by];
  doc.range = moved(doc.range);
  for (const e of [...doc.errors, ...doc.warnings]) e.pos = [e.pos[0] + by, e.pos[1] + by];
  shiftRanges(doc.contents, by);
}

/**
 * The first key below `root` (a mapping or sequence) that is itself a collection. `toJS` turns such
 * keys into strings by printing them, which costs exponential time in the nesting depth of broken
 * flow collections (`[{[{[{…` while typing); no Kubernetes object or configuration has such keys.
 * Iterative, so deep nesting cannot overflow the stack.
 */
export function collectionKey(root: unknown): Node | undefined {
  const isCollectionKey = (key: unknown): key is Node => key !== null && typeof key === 'object' && !isScalar(key) && !isAlias(key);
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      for (const item of node.items) {
        if (isCollectionKey(item.key)) return item.key;
        stack.push(item.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) {
        if (isPair(item)) {
          if (isCollectionKey(item.key)) return item.key;
          stack.push(item.value);
        } else stack.push(item);
      }
    }
  }
  return undefined;
}

/** The pair whose key is the scalar `key` in a mapping node. */
export function findPair(node: unknown, key: string): Pair<Node, Node | null> | undefined {
  if (!isMap(node)) return undefined;
  for (const item of node.items) {
    if (isPair(item) && isScalar(item.key) && String(item.key.value) === key) {
      return item as Pair<Node, Node | null>;
    }
  }
  return undefined;
}

/** Follows map keys and sequence indices from `node`; undefined when any step is missing. */
export function getIn(node: unknown, path: readonly (string | number)[]): Node | undefined {
  let cur: unknown = node;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!isSeq(cur)) return undefined;
      cur = cur.items[step];
    } else {
      const pair = findPair(cur, step);
      if (!pair) return undefined;
      cur = pair.value;
    }
    if (cur === null || cur === undefined) return undefined;
  }
  return cur as Node;
}

/** The string value of a scalar node, or undefined. */
export function scalarString(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return String(node.value);
}

/** The source range of a node's value (without trailing comments), if it came from the text. */
export function nodeRange(lines: LineIndex, node: unknown): Range | undefined {
  const r = (node as { range?: [number, number, number] } | null)?.range;
  if (!r) return undefined;
  return lines.range(r[0], r[1]);
}

/** The source range of the key of `key` in a mapping, if present. */
export function keyRange(lines: LineIndex, map: unknown, key: string): Range | undefined {
  const pair = findPair(map, key);
  return pair ? nodeRange(lines, pair.key) : undefined;
}

/**
 * Whether YAML could not read all of a manifest: a syntax error, or an object it could not turn into
 * data (a template's `replicas: {{replicas}}` is a mapping used as a key).
 */
export function unread(doc: YamlDocument): boolean {
  return doc.errors.length > 0 || doc.objects.some((o) => o.value === undefined);
}
