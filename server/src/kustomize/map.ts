/**
 * Maps findings on a kustomize build's output back to the overlay's sources: a finding on an
 * object from a resource file goes to the same YAML path in that file's document (or its deepest
 * part that exists there, such as a field the overlay added); one on a generated ConfigMap or
 * Secret goes to the generator's `name` in the kustomization.
 */
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, type Node as YamlNode } from 'yaml';
import { LineIndex } from '../engine/text';
import type { Range, ResolvedFinding } from '../engine/types';
import type { KustomizeBuild, KustomizeFiles } from './build';

/** A finding placed on a source file of the overlay. */
export interface MappedFinding extends ResolvedFinding {
  /** The source file (absolute path). */
  file: string;
}

type Seg = string | number;

/** The path of the deepest node of `root` containing `offset`. */
function pathAt(root: YamlNode | null | undefined, offset: number): Seg[] {
  const out: Seg[] = [];
  let node = root;
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.find((p) => {
        const k = p.key as YamlNode | null;
        const v = p.value as YamlNode | null;
        const start = k?.range?.[0] ?? v?.range?.[0];
        const end = v?.range?.[1] ?? k?.range?.[1];
        return start !== undefined && end !== undefined && offset >= start && offset <= end;
      });
      if (!pair || !isPair(pair) || !isScalar(pair.key)) return out;
      out.push(String(pair.key.value));
      const v = pair.value as YamlNode | null;
      if (!v?.range || offset < v.range[0]) return out;
      node = v;
    } else if (isSeq(node)) {
      const i = node.items.findIndex((it) => {
        const r = (it as YamlNode | null)?.range;
        return r && offset >= r[0] && offset <= r[1];
      });
      if (i < 0) return out;
      out.push(i);
      node = node.items[i] as YamlNode;
    } else return out;
  }
}

/** The range of the deepest existing node on `path` (the key for a pair, the item for a list entry). */
function rangeOf(root: YamlNode | null | undefined, path: readonly Seg[]): [number, number] | undefined {
  let node = root;
  let best: [number, number] | undefined = root?.range ? [root.range[0], root.range[0]] : undefined;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      const key = pair.key as YamlNode;
      const value = pair.value as YamlNode | null;
      best = value && isScalar(value) && value.range ? [value.range[0], value.range[1]] : key.range ? [key.range[0], key.range[1]] : best;
      node = value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as YamlNode | undefined;
      if (!item?.range) break;
      best = [item.range[0], item.range[1]];
      node = item;
    } else break;
  }
  return best;
}

function toRange(text: string, r: [number, number]): Range {
  const idx = new LineIndex(text);
  // A node range ends after its trailing newline in block context: keep the finding on its line.
  let end = r[1];
  while (end > r[0] && /\s/.test(text[end - 1])) end--;
  return { start: idx.positionAt(r[0]), end: idx.positionAt(Math.max(end, r[0])) };
}

/**
 * Places each finding of the output (`text`, whose objects start at `starts`) on the overlay's
 * sources; findings that cannot be placed are left out of `mapped` and returned in `unmapped`.
 */
export function mapFindings(
  build: KustomizeBuild,
  text: string,
  starts: readonly number[],
  findings: readonly ResolvedFinding[],
  files: KustomizeFiles,
): { mapped: MappedFinding[]; unmapped: ResolvedFinding[] } {
  const out = new LineIndex(text);
  const outputDocs = parseAllDocuments(text);
  const sources = new Map<string, ReturnType<typeof parseAllDocuments>>();
  const mapped: MappedFinding[] = [];
  const unmapped: ResolvedFinding[] = [];
  for (const f of findings) {
    const offset = out.offsetAt(f.range.start);
    let i = starts.length - 1;
    while (i > 0 && starts[i] > offset) i--;
    const built = build.objects[i];
    const doc = outputDocs[i];
    if (!built || !doc) {
      unmapped.push(f);
      continue;
    }
    const srcText = files.read(built.source.file);
    if (srcText === undefined) {
      unmapped.push(f);
      continue;
    }
    let srcDocs = sources.get(built.source.file);
    if (!srcDocs) sources.set(built.source.file, (srcDocs = parseAllDocuments(srcText)));
    let range: [number, number] | undefined;
    if (built.source.document !== undefined) {
      range = rangeOf(srcDocs[built.source.document]?.contents, pathAt(doc.contents, offset));
    } else {
      // A generated object: the generator entry whose name the object's name starts with.
      const k = srcDocs[0]?.contents;
      const name = String((built.object.metadata as { name?: unknown } | undefined)?.name ?? '');
      const key = built.object.kind === 'Secret' ? 'secretGenerator' : 'configMapGenerator';
      const list = isMap(k) ? (k.items.find((p) => isScalar(p.key) && p.key.value === key)?.value as YamlNode | undefined) : undefined;
      if (isSeq(list))
        list.items.forEach((it, n) => {
          const g = (it as { toJSON?: () => unknown }).toJSON?.() as { name?: unknown } | undefined;
          if (!range && typeof g?.name === 'string' && name.includes(g.name)) range = rangeOf(k, [key, n, 'name']);
        });
      range ??= rangeOf(k, [key]);
    }
    if (!range) unmapped.push(f);
    else mapped.push({ ...f, file: built.source.file, range: toRange(srcText, range) });
  }
  return { mapped, unmapped };
}
