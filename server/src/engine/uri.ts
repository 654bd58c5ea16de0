import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Recent `fileUriToPath` answers: one lint asks for the same document's path several times, and a
 * batch asks for every file's again when it lints after indexing (so the cache holds a large batch).
 */
const paths = new Map<string, string | undefined>();
const MAX_PATHS = 16384;

/** The file system path of a `file:` URI, or undefined for other schemes. */
export function fileUriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  let p = paths.get(uri);
  if (p === undefined && !paths.has(uri)) {
    try {
      p = fileURLToPath(uri);
    } catch {
      p = undefined;
    }
    if (paths.size >= MAX_PATHS) paths.clear();
    paths.set(uri, p);
  }
  return p;
}

/** The `file:` URI of a path, spelled the way VS Code spells it. */
export function pathToFileUri(p: string): string {
  return pathToFileURL(p).href;
}
