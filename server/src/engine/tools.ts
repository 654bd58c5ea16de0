/**
 * External programs some rules run (ShellCheck) and the Helm render service runs (helm). Looking
 * one up never runs it; whether a rule that needs one may run at all is the engine's decision
 * (trusted workspace, program present).
 *
 * A program is only ever found at an absolute path outside the workspace: relative `PATH` entries
 * (`bin`, an empty entry meaning the current folder) are skipped, because the language server runs
 * with the workspace as its working folder and a repository could otherwise ship its own
 * `bin/shellcheck`; so is any `PATH` folder inside an open workspace folder.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The programs a rule may declare in `requires`. */
export type ExternalTool = 'shellcheck';

const found = new Map<string, string | null>();
/** Open workspace folders (real paths): no program is taken from inside them. */
let workspaceFolders: readonly string[] = [];

/** Tells the lookups which folders belong to the workspace (the language server's roots). */
export function setWorkspaceFolders(folders: readonly string[]): void {
  workspaceFolders = folders.map(realOrSelf);
  found.clear();
}

function realOrSelf(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/** Whether `p` is in (or is) one of the workspace folders, links resolved. */
export function insideWorkspace(p: string): boolean {
  const real = realOrSelf(p);
  return workspaceFolders.some((f) => {
    const rel = path.relative(f, real);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  });
}

/** Whether `p` is an executable regular file at an absolute path outside the workspace. */
export function usableProgram(p: string): boolean {
  if (!path.isAbsolute(p) || insideWorkspace(p)) return false;
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** The first usable program among `names` in the absolute `PATH` folders outside the workspace. */
export function searchPath(names: readonly string[], envPath: string): string | undefined {
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir || !path.isAbsolute(dir)) continue;
    for (const n of names) {
      const p = path.join(dir, n);
      if (usableProgram(p)) return p;
    }
  }
  return undefined;
}

/** The first executable file called `name` on PATH (cached per PATH value), if any. */
export function findExecutable(name: string, envPath = process.env.PATH ?? ''): string | undefined {
  const key = `${name}\0${envPath}`;
  const hit = found.get(key);
  if (hit !== undefined) return hit ?? undefined;
  const names = process.platform === 'win32' ? [`${name}.exe`, `${name}.cmd`] : [name];
  const result = searchPath(names, envPath) ?? null;
  found.set(key, result);
  return result ?? undefined;
}

/** Forgets the cached lookups (tests, or after the user installed a program). */
export function forgetExecutables(): void {
  found.clear();
}
