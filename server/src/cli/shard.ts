/** Deterministic partitions of the files `shipshape check` reads, for CI matrices. */
import * as path from 'node:path';

/** One shard of N: `index` is 1-based, as written on the command line (`--shard 2/4`). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Parses `K/N` (1 ≤ K ≤ N); undefined when the text is not of that form. */
export function parseShard(text: string): Shard | undefined {
  const m = /^(\d{1,6})\/(\d{1,6})$/.exec(text);
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return index >= 1 && index <= count ? { index, count } : undefined;
}

/** FNV-1a over the UTF-16 code units of `s`: stable across machines, Node versions and runs. */
export function pathHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The key a file is sharded by: its path relative to the project root that holds it, with `/`
 * separators, so that every job of a matrix (each on its own checkout) puts a file in the same shard.
 */
export function shardKey(file: string, roots: readonly string[]): string {
  const root = roots.find((r) => {
    const rel = path.relative(r, file);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  });
  return (root ? path.relative(root, file) : file).split(path.sep).join('/');
}

/** Whether `file` belongs to `shard`. */
export function inShard(file: string, roots: readonly string[], shard: Shard): boolean {
  return pathHash(shardKey(file, roots)) % shard.count === shard.index - 1;
}
