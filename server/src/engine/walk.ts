import * as fs from 'node:fs';
import * as path from 'node:path';
import { SKIPPED_DIRS, isCandidateFile } from './project';

/** Every candidate file under `root` (a file root yields itself), depth-first, without following links. */
export async function* walkFiles(root: string, onError?: (p: string, e: Error) => void): AsyncGenerator<string> {
  let st: fs.Stats;
  try {
    st = await fs.promises.lstat(root);
  } catch (e) {
    onError?.(root, e as Error);
    return;
  }
  if (st.isFile()) {
    yield root;
    return;
  }
  if (!st.isDirectory()) return;
  const stack = [root];
  while (stack.length) {
    const dir = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch (e) {
      onError?.(dir, e as Error);
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? 1 : -1));
    for (const ent of entries) {
      const full = path.join(dir, ent.name);
      if (ent.isDirectory()) {
        if (!SKIPPED_DIRS.has(ent.name)) stack.push(full);
      } else if (ent.isFile() && isCandidateFile(ent.name)) {
        yield full;
      }
    }
  }
}
