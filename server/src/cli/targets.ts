/** What `shipshape check` reads: the files the paths given name, and the project they belong to. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAMES } from '../engine/config';
import { walkFiles } from '../engine/walk';

/** A file to check. */
export interface CheckTarget {
  readonly path: string;
  /** Named on the command line (not found by walking a folder): a file Shipshape does not check is then said. */
  readonly explicit: boolean;
  /** Reached through a symbolic link given as a path, pointing inside or outside the project. */
  readonly link?: 'inside' | 'outside';
}

/** What the paths given hold. */
export interface Targets {
  readonly files: CheckTarget[];
  /** The folders among the paths given (each is said when no file in it is checked). */
  readonly folders: string[];
  readonly skipped: { path: string; reason: string }[];
}

function isInside(p: string, root: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The nearest folder from `start` upwards holding one of `names`, if any. */
function nearestWith(start: string, names: readonly string[]): string | undefined {
  let dir = start;
  for (let i = 0; i < 128; i++) {
    if (names.some((n) => fs.existsSync(path.join(dir, n)))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

/**
 * The project each path belongs to, which cross-file rules see whole: the nearest folder with a
 * `.shipshape.yaml`, else the git repository, else the working folder (or, for a path outside it,
 * the path's own folder).
 */
export function projectRoots(targets: readonly string[], cwd: string): string[] {
  const roots = new Set<string>();
  for (const t of targets) {
    let start: string;
    try {
      start = fs.statSync(t).isDirectory() ? t : path.dirname(t);
    } catch {
      start = path.dirname(t);
    }
    const root = nearestWith(start, CONFIG_FILE_NAMES) ?? nearestWith(start, ['.git']) ?? (isInside(start, cwd) ? cwd : start);
    roots.add(root);
  }
  // A root inside another adds nothing the outer one does not index.
  const list = [...roots].sort((a, b) => a.length - b.length);
  return list.filter((r, i) => !list.slice(0, i).some((outer) => isInside(r, outer)));
}

/**
 * The files the paths name. Links inside folders are not followed; a link given as a path is
 * (to a file or a folder), and marked as pointing inside the project or out of it.
 */
export function checkTargets(targets: readonly string[], roots: readonly string[], onError: (p: string, e: Error) => void): Targets {
  const files: CheckTarget[] = [];
  const folders: string[] = [];
  const skipped: { path: string; reason: string }[] = [];
  const seen = new Set<string>();
  const add = (t: CheckTarget) => {
    if (seen.has(t.path)) return;
    seen.add(t.path);
    files.push(t);
  };
  let links = 0;
  let linkFolder: string | undefined;
  const walk = (folder: string, link: CheckTarget['link']) => {
    folders.push(folder);
    for (const f of walkFiles(folder, onError, () => {
      links++;
      linkFolder ??= folder;
    }))
      add(link ? { path: f, explicit: false, link } : { path: f, explicit: false });
  };
  for (const t of targets) {
    let st: fs.Stats;
    try {
      st = fs.lstatSync(t);
    } catch (e) {
      onError(t, e as Error);
      continue;
    }
    let link: CheckTarget['link'];
    if (st.isSymbolicLink()) {
      try {
        st = fs.statSync(t);
        const real = fs.realpathSync(t);
        const realRoots = roots.map((r) => {
          try {
            return fs.realpathSync(r);
          } catch {
            return r;
          }
        });
        link = realRoots.some((r) => isInside(real, r)) ? 'inside' : 'outside';
      } catch (e) {
        onError(t, e as Error);
        continue;
      }
    }
    if (st.isDirectory()) {
      // A linked folder is walked at its real path, so that what is fixed in it is what it holds.
      if (link) walk(fs.realpathSync(t), link);
      else walk(t, undefined);
    } else if (st.isFile()) add(link ? { path: t, explicit: true, link } : { path: t, explicit: true });
    // A path given by name that is a device, FIFO or socket is an error the user must see, not a skip.
    else onError(t, new Error('not a regular file'));
  }
  if (links > 0) {
    skipped.push({
      path: linkFolder!,
      reason: `${links} symbolic link${links === 1 ? '' : 's'} inside the folders given ${links === 1 ? 'was' : 'were'} not followed (name a link as a path to check it).`,
    });
  }
  return { files, folders, skipped };
}
