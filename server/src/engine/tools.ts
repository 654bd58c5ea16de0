/**
 * External programs some rules run (ShellCheck). Looking one up never runs it; whether a rule that
 * needs one may run at all is the engine's decision (trusted workspace, program present).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The programs a rule may declare in `requires`. */
export type ExternalTool = 'shellcheck';

const found = new Map<string, string | null>();

/** The first executable file called `name` on PATH (cached per PATH value), if any. */
export function findExecutable(name: string, envPath = process.env.PATH ?? ''): string | undefined {
  const key = `${name}\0${envPath}`;
  const hit = found.get(key);
  if (hit !== undefined) return hit ?? undefined;
  let result: string | null = null;
  const names = process.platform === 'win32' ? [`${name}.exe`, `${name}.cmd`] : [name];
  outer: for (const dir of envPath.split(path.delimiter)) {
    if (!dir) continue;
    for (const n of names) {
      const p = path.join(dir, n);
      try {
        fs.accessSync(p, fs.constants.X_OK);
        if (fs.statSync(p).isFile()) {
          result = p;
          break outer;
        }
      } catch {
        // not here
      }
    }
  }
  found.set(key, result);
  return result ?? undefined;
}

/** Forgets the cached lookups (tests, or after the user installed a program). */
export function forgetExecutables(): void {
  found.clear();
}
