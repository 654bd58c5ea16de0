import * as fs from 'node:fs';
import * as path from 'node:path';
import { SKIPPED_DIRS, isCandidateFile } from './project';

/**
 * Every candidate file under `root` (a file root yields itself), depth-first, without following
 * links (`onLink` hears of each link it passes by) or entering the folders `skipFolder` names; devices, FIFOs and sockets are never yielded. Folders are read synchronously: a thread-pool round trip per folder made up most of the
 * walk of a large tree, and the language server's indexer, which reads each file asynchronously and
 * yields to edits every 100 files, blocks for no longer than one folder listing at a time.
 */
export function* walkFiles(
  root: string,
  onError?: (p: string, e: Error) => void,
  onLink?: (p: string) => void,
  skipFolder?: (p: string) => boolean,
): Generator<string> {
  let st: fs.Stats;
  try {
    // A root named on purpose is followed when it is a link; links inside it are not.
    st = fs.statSync(root);
  } catch (e) {
    onError?.(root, e as Error);
    return;
  }
  if (!st.isDirectory()) {
    if (st.isFile()) yield root;
    else onError?.(root, new Error('not a regular file'));
    return;
  }
  const stack = [root];
  while (stack.length) {
    const dir = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      onError?.(dir, e as Error);
      continue;
    }
    yield* visit(dir, entries, stack, onLink, skipFolder);
  }
}

/** The candidate files among a folder's entries; its subfolders go on `stack`, to be popped in name order. */
function visit(
  dir: string,
  entries: fs.Dirent[],
  stack: string[],
  onLink: ((p: string) => void) | undefined,
  skipFolder: ((p: string) => boolean) | undefined,
): string[] {
  entries.sort((a, b) => (a.name < b.name ? 1 : -1));
  const files: string[] = [];
  for (const ent of entries) {
    const full = path.join(dir, ent.name);
    if (ent.isDirectory()) {
      if (!SKIPPED_DIRS.has(ent.name) && !skipFolder?.(full)) stack.push(full);
    } else if (ent.isFile() && isCandidateFile(ent.name)) {
      files.push(full);
    } else if (ent.isSymbolicLink()) {
      onLink?.(full);
    }
  }
  return files;
}
