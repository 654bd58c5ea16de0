/**
 * The one way Shipshape reads a file of the workspace. A repository can hold a symlink to
 * `/dev/zero`, a FIFO or a multi-gigabyte file under any name, so a read opens the file without
 * blocking, looks at the opened handle (not at the name, which can change in between) and reads
 * only a regular file no larger than the cap.
 */
import * as fs from 'node:fs';

/** The default cap on what is read (the language server's default `maxFileSize` is 5 MB). */
export const DEFAULT_READ_CAP = 16 * 1024 * 1024;

/** What a read gave: the text, or why there is none. */
export type ReadResult =
  | { readonly ok: true; readonly text: string; readonly size: number; readonly mtimeMs: number }
  | {
      readonly ok: false;
      /** `missing`: no such file; `not-regular`: a device, FIFO, socket or folder; `too-large`: over the cap. */
      readonly reason: 'missing' | 'not-regular' | 'too-large' | 'error';
      /** A sentence for a message ("is not a regular file", "is 20 MB, over the 16 MB limit"). */
      readonly detail: string;
      readonly size?: number;
    };

// O_NONBLOCK: opening a FIFO for reading otherwise waits for a writer, forever.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

function megabytes(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

function classifyStat(st: fs.Stats, cap: number): ReadResult | undefined {
  if (!st.isFile()) return { ok: false, reason: 'not-regular', detail: 'is not a regular file' };
  if (st.size > cap) {
    return { ok: false, reason: 'too-large', detail: `is ${megabytes(st.size)}, over the ${megabytes(cap)} limit`, size: st.size };
  }
  return undefined;
}

function failure(e: unknown): ReadResult {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, reason: 'missing', detail: 'does not exist' };
  return { ok: false, reason: 'error', detail: `could not be read (${code ?? (e as Error).message})` };
}

/**
 * A buffer for a file of `size` bytes: one byte more than the size, so that a file that grew since
 * the fstat is read up to the cap and no further.
 */
function bufferFor(size: number, cap: number): Buffer {
  return Buffer.allocUnsafe(Math.min(size, cap) + 1);
}

/** The outcome of reading `length` bytes into `buf`: more than `cap` means the file grew past it while being read. */
function readOutcome(buf: Buffer, length: number, cap: number, mtimeMs: number): ReadResult {
  if (length > cap) return { ok: false, reason: 'too-large', detail: `grew over the ${megabytes(cap)} limit while being read` };
  return { ok: true, text: buf.toString('utf8', 0, length), size: length, mtimeMs };
}

/** Reads a regular file of at most `cap` bytes, synchronously. Never blocks on a FIFO or a device. */
export function readTextFileSync(file: string, cap = DEFAULT_READ_CAP): ReadResult {
  let fd: number;
  try {
    fd = fs.openSync(file, OPEN_FLAGS);
  } catch (e) {
    return failure(e);
  }
  try {
    const st = fs.fstatSync(fd);
    const bad = classifyStat(st, cap);
    if (bad) return bad;
    const buf = bufferFor(st.size, cap);
    let length = 0;
    while (length < buf.length) {
      const n = fs.readSync(fd, buf, length, buf.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return readOutcome(buf, length, cap, st.mtimeMs);
  } catch (e) {
    return failure(e);
  } finally {
    fs.closeSync(fd);
  }
}

/** {@link readTextFileSync}, reading on the thread pool. */
export async function readTextFile(file: string, cap = DEFAULT_READ_CAP): Promise<ReadResult> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, OPEN_FLAGS);
  } catch (e) {
    return failure(e);
  }
  try {
    const st = await handle.stat();
    const bad = classifyStat(st, cap);
    if (bad) return bad;
    const buf = bufferFor(st.size, cap);
    let length = 0;
    while (length < buf.length) {
      const { bytesRead } = await handle.read(buf, length, buf.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return readOutcome(buf, length, cap, st.mtimeMs);
  } catch (e) {
    return failure(e);
  } finally {
    await handle.close();
  }
}

/** The text of a regular file of at most `cap` bytes, or undefined (for callers that only skip). */
export function readTextOrUndefined(file: string, cap = DEFAULT_READ_CAP): string | undefined {
  const r = readTextFileSync(file, cap);
  return r.ok ? r.text : undefined;
}
