import { fileURLToPath, pathToFileURL } from 'node:url';

/** The file system path of a `file:` URI, or undefined for other schemes. */
export function fileUriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The `file:` URI of a path, spelled the way VS Code spells it. */
export function pathToFileUri(p: string): string {
  return pathToFileURL(p).href;
}
