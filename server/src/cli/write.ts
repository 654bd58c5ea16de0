/**
 * How `check --fix` writes a fixed file: never in place. The new text goes to a temporary file
 * beside the original, with the original's mode, and is renamed over it, so a killed `--fix`
 * leaves either the old file or the new one, never a truncated one.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Why a fixed file was not written; `error` problems make the CLI exit 2. */
export interface WriteProblem {
  readonly message: string;
  readonly error: boolean;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Whether bytes are valid UTF-8 (a lossy decode would turn other bytes into U+FFFD on write). */
export function isUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function inside(file: string, root: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel));
}

function realRoot(p: string): string | undefined {
  try {
    const real = fs.realpathSync(p);
    return fs.statSync(real).isDirectory() ? real : path.dirname(real);
  } catch {
    return undefined;
  }
}

/**
 * Writes `fixed` over `file`, which was read as `original`. Refuses a file that is not UTF-8, one
 * that changed since it was read, and a symlink that leads out of every root in `roots` (the paths
 * the user gave and the working directory). A symlink inside them is kept: its target is replaced.
 */
export function writeFixed(file: string, original: string, fixed: string, roots: readonly string[]): WriteProblem | undefined {
  let real: string;
  let bytes: Buffer;
  let mode: number;
  try {
    real = fs.realpathSync(file);
    const st = fs.statSync(real);
    if (!st.isFile()) return { message: 'it is not a regular file', error: true };
    mode = st.mode & 0o7777;
    bytes = fs.readFileSync(real);
  } catch (e) {
    return { message: `cannot read it again: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, error: true };
  }
  if (real !== path.resolve(file)) {
    const allowed = roots.map(realRoot).filter((r): r is string => r !== undefined);
    if (!allowed.some((r) => inside(real, r)))
      return { message: `it is a symlink to ${real}, outside the checked tree; Shipshape does not write through it`, error: true };
  }
  if (!isUtf8(bytes)) return { message: 'it is not valid UTF-8; Shipshape reports on such files but never rewrites them', error: false };
  if (bytes.toString('utf8') !== original) return { message: 'it changed while it was being checked', error: true };
  const tmp = path.join(path.dirname(real), `.${path.basename(real)}.shipshape-${process.pid}-${Date.now().toString(36)}.tmp`);
  try {
    fs.writeFileSync(tmp, fixed, { mode, flag: 'wx' });
    // The creation mode is masked by the umask; set it exactly.
    fs.chmodSync(tmp, mode);
    fs.renameSync(tmp, real);
  } catch (e) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // Nothing more to clean up.
    }
    return { message: `cannot write it: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, error: true };
  }
  return undefined;
}
