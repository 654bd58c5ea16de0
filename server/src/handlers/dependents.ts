/**
 * Which open documents a change to a file on disk can change the findings of, so that only those
 * are checked again.
 */
import * as path from 'node:path';
import { CONFIG_FILE_NAMES } from '../engine/config';
import { peerToolOf } from '../engine/peer-config';
import { fileUriToPath } from '../engine/uri';
import type { IndexedFile } from '../engine/workspace';

/**
 * The open documents (their URIs) whose findings a change to `file` can change. `entryOf` gives the
 * index entry of an open document; a document without one yet (the check worker sends a checked
 * document's entry after its findings, so a change can arrive between the two) may be any kind of
 * file, and counts as a dependent.
 */
export function dependents(file: string, open: readonly string[], entryOf: (uri: string) => IndexedFile | undefined): string[] {
  const isConfig = CONFIG_FILE_NAMES.includes(path.basename(file)) || peerToolOf(file) !== undefined;
  const structured = /\.(?:ya?ml|json)$/i.test(file) || path.basename(file) === 'Kustomization';
  const under = (p: string, dir: string) => p.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
  const inside = (dir: string) => under(file, dir);
  return open.filter((uri) => {
    const p = fileUriToPath(uri);
    if (!p) return false;
    // A config file applies to the documents of its folder and below.
    if (isConfig) return under(p, path.dirname(file));
    const entry = entryOf(uri);
    if (!entry) return true;
    // Charts read their values, schema, templates and subcharts.
    if (entry.chartRoot && inside(entry.chartRoot)) return true;
    // Manifests and kustomizations refer to objects and files across the workspace.
    if (structured && (entry.kind === 'manifest' || entry.kind === 'kustomization')) return true;
    // A Compose file reads the files beside it: build contexts, Dockerfiles, env files, bind sources.
    if (entry.kind === 'compose' && inside(path.dirname(p))) return true;
    // A Dockerfile reads its build context (`.dockerignore`, what COPY and ADD name).
    return entry.kind === 'dockerfile' && inside(path.dirname(p));
  });
}
