/**
 * Copying files to and from a container as `kubectl cp` does: a tar stream over exec. Down, the
 * container runs `tar cf - <path>` and the archive is unpacked locally as it arrives; up, a local
 * file or directory is packed as it is read and sent to `tar xmf - -C <dir>` on the container's
 * stdin. Member names from the container are untrusted: anything outside the requested path, any
 * `..` or absolute name, and every link is skipped and reported, never followed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ApiClient } from '../api';
import { ProblemError } from '../errors';
import { ExecSession, type ExecTarget } from './exec';
import { END_OF_ARCHIVE, TarReader, entryHeader, entryPadding, safeMemberPath } from './tar';

/** What a copy did. */
export interface CopyResult {
  files: number;
  bytes: number;
  /** Members not written, with why (links, names outside the requested path). */
  skipped: string[];
}

function remoteProblem(target: ExecTarget, what: string, stderr: string, exit: { code?: number; message?: string }): ProblemError {
  const detail =
    stderr
      .trim()
      .split('\n')
      .filter((l) => !/Removing leading/.test(l))
      .join(' ')
      .trim() ||
    exit.message ||
    `exit ${exit.code ?? '?'}`;
  const noTar = /executable file not found|"tar": not found|no such file or directory: unknown/i.test(detail);
  return new ProblemError({
    kind: noTar ? 'not-found' : 'unknown',
    message: `${what} ${target.pod}${target.container ? `/${target.container}` : ''} failed: ${detail}`,
    hint: noTar
      ? 'Copying needs tar in the container (as kubectl cp does); distroless and scratch images have none. Add a debug container with tar.'
      : 'Check the path exists in the container and the container user may read or write it.',
  });
}

/** Copies `remotePath` (a file or directory) from the container to `localPath`. */
export async function copyFromContainer(api: ApiClient, target: ExecTarget, remotePath: string, localPath: string): Promise<CopyResult> {
  if (!remotePath.trim()) throw new Error('A path in the container is needed.');
  const prefix = path.posix.normalize(remotePath).replace(/^\/+/, '').replace(/\/+$/, '');
  const session = await ExecSession.open(api, target, ['tar', 'cf', '-', remotePath], { tty: false, stdin: false });
  const result: CopyResult = { files: 0, bytes: 0, skipped: [] };
  let stderr = '';
  let failure: unknown;
  const dest = path.resolve(localPath);
  const reader = new TarReader((entry) => {
    const rel = safeMemberPath(entry.name, prefix);
    if (!rel) {
      result.skipped.push(`${entry.name}: outside ${remotePath}`);
      return undefined;
    }
    const out = path.join(dest, ...rel);
    if (out !== dest && !out.startsWith(dest + path.sep)) {
      result.skipped.push(`${entry.name}: outside ${remotePath}`);
      return undefined;
    }
    if (entry.type === 'directory') {
      fs.mkdirSync(out, { recursive: true });
      return undefined;
    }
    if (entry.type !== 'file') {
      result.skipped.push(`${entry.name}: ${entry.type}${entry.linkname ? ` to ${entry.linkname}` : ''} not copied`);
      return undefined;
    }
    fs.mkdirSync(path.dirname(out), { recursive: true });
    // A link already at the destination is replaced, never written through.
    if (fs.lstatSync(out, { throwIfNoEntry: false })?.isSymbolicLink()) fs.unlinkSync(out);
    const fd = fs.openSync(out, 'w', entry.mode & 0o777 || 0o644);
    result.files++;
    return {
      write: (d) => {
        fs.writeSync(fd, d);
        result.bytes += d.length;
      },
      end: () => fs.closeSync(fd),
    };
  });
  session.on('stdout', (d: Buffer) => {
    if (failure) return;
    try {
      reader.push(d);
    } catch (e) {
      failure = e;
      session.close();
    }
  });
  session.on('stderr', (d: Buffer) => (stderr += d.toString('utf8')));
  const exit = await session.done;
  if (failure) throw failure;
  if (exit.code !== 0) throw remoteProblem(target, `Copying ${remotePath} from`, stderr, exit);
  reader.end();
  if (result.files === 0 && !reader.finished)
    throw remoteProblem(target, `Copying ${remotePath} from`, stderr || 'no archive came back', exit);
  return result;
}

function* walk(root: string, base: string): Generator<{ abs: string; name: string; stat: fs.Stats }> {
  const stat = fs.lstatSync(root);
  yield { abs: root, name: base, stat };
  if (!stat.isDirectory()) return;
  for (const child of fs.readdirSync(root).sort()) yield* walk(path.join(root, child), `${base}/${child}`);
}

/**
 * Copies the local file or directory to `remotePath` in the container (a directory's contents
 * land in `remotePath`, which is created). Symbolic links are not copied (listed in `skipped`).
 */
export async function copyToContainer(api: ApiClient, target: ExecTarget, localPath: string, remotePath: string): Promise<CopyResult> {
  const clean = path.posix.normalize(remotePath);
  const base = path.posix.basename(clean);
  if (!base || base === '/' || base === '.' || base === '..') throw new Error(`"${remotePath}" names no file in the container.`);
  const dir = path.posix.dirname(clean);
  const session = await ExecSession.open(api, target, ['tar', 'xmf', '-', '-C', dir], { tty: false, stdin: true });
  let stderr = '';
  session.on('stderr', (d: Buffer) => (stderr += d.toString('utf8')));
  const result: CopyResult = { files: 0, bytes: 0, skipped: [] };
  try {
    for (const { abs, name, stat } of walk(path.resolve(localPath), base)) {
      if (session.ended) break;
      if (stat.isDirectory()) session.write(entryHeader({ name, type: 'directory', mode: stat.mode, mtime: stat.mtimeMs / 1000 }));
      else if (stat.isFile()) {
        session.write(entryHeader({ name, type: 'file', size: stat.size, mode: stat.mode, mtime: stat.mtimeMs / 1000 }));
        let sent = 0;
        const fd = fs.openSync(abs, 'r');
        try {
          const buf = Buffer.alloc(64 * 1024);
          // Exactly the size the header promised, even if the file changes while it is read.
          while (sent < stat.size) {
            const n = fs.readSync(fd, buf, 0, Math.min(buf.length, stat.size - sent), null);
            if (n <= 0) break;
            session.write(Buffer.from(buf.subarray(0, n)));
            sent += n;
          }
        } finally {
          fs.closeSync(fd);
        }
        if (sent < stat.size) session.write(Buffer.alloc(stat.size - sent));
        session.write(entryPadding(stat.size));
        result.files++;
        result.bytes += stat.size;
      } else result.skipped.push(`${abs}: ${stat.isSymbolicLink() ? 'symbolic link' : 'special file'} not copied`);
    }
    session.write(END_OF_ARCHIVE);
    session.endInput();
  } catch (e) {
    session.close();
    throw e;
  }
  const exit = await session.done;
  if (exit.code !== 0) throw remoteProblem(target, `Copying ${localPath} to`, stderr, exit);
  return result;
}
