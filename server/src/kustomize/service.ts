/**
 * Builds an overlay for the "Kustomize: Build" request: with the `kustomize` binary or
 * `kubectl kustomize` when one is on PATH and the workspace is trusted, else with the built-in
 * builder; lints the output with the manifest rules (one engine entry) and maps the findings back
 * to the overlay's files. Plain code: the connection is the handler's business.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { findExecutable } from '../engine/tools';
import { pathToFileUri } from '../engine/uri';
import type { ResolvedFinding } from '../engine/types';
import type { BuildKustomizationResult } from '../protocol';
import { buildKustomization, buildText, kustomizationFile, type BuiltObject, type KustomizeBuild, type KustomizeFiles } from './build';
import { mapFindings } from './map';

/** Largest file the built-in builder reads (the same order as a manifest's size limit). */
const MAX_FILE = 4 * 1024 * 1024;

/** The real file system, regular files only, size-limited. */
export const DISK: KustomizeFiles = {
  read(file) {
    try {
      const st = fs.statSync(file);
      return st.isFile() && st.size <= MAX_FILE ? fs.readFileSync(file, 'utf8') : undefined;
    } catch {
      return undefined;
    }
  },
  isDirectory(dir) {
    try {
      return fs.statSync(dir).isDirectory();
    } catch {
      return false;
    }
  },
};

/** The overlay folder of a file or folder: itself or its nearest ancestor holding a kustomization file. */
export function overlayOf(target: string, files: KustomizeFiles = DISK): string | undefined {
  let dir = files.isDirectory(target) ? target : path.dirname(target);
  for (;;) {
    if (kustomizationFile(dir, files)) return dir;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** What the service needs from the server. */
export interface KustomizeEnv {
  trusted: boolean;
  /** Lints a manifest text as if it were `file` (the engine's rendered-output entry). */
  lint(file: string, text: string): ResolvedFinding[];
  files?: KustomizeFiles;
  /** Finds a binary (tests pass none). */
  which?: (name: string) => string | undefined;
}

function runBinary(bin: string, args: string[]): Promise<{ ok: boolean; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(bin, args, { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ ok: !error, out: stdout, err: stderr || (error ? error.message : '') }),
    );
  });
}

const keyOf = (o: Record<string, unknown>): string => {
  const m = (o.metadata ?? {}) as { name?: unknown; namespace?: unknown };
  return `${String(o.kind)}|${String(m.namespace ?? '')}|${String(m.name ?? '')}`;
};

/** Builds and lints the overlay `dir`. */
export async function buildOverlay(dir: string, env: KustomizeEnv): Promise<BuildKustomizationResult> {
  const files = env.files ?? DISK;
  const kfile = kustomizationFile(dir, files);
  if (!kfile) return { output: undefined, problems: [`${dir} has no kustomization.yaml.`], findings: [], unmapped: 0 };
  const builtin = buildKustomization(dir, files);
  let build: KustomizeBuild = builtin;
  let text: string;
  let starts: number[];
  let builtWith: 'kustomize' | 'kubectl' | 'built-in' = 'built-in';
  const which = env.which ?? ((n: string) => findExecutable(n));
  const binary = env.trusted ? (which('kustomize') ? 'kustomize' : which('kubectl') ? 'kubectl' : undefined) : undefined;
  if (binary) {
    const r = await runBinary(which(binary)!, binary === 'kustomize' ? ['build', dir] : ['kustomize', dir]);
    if (!r.ok) return { output: undefined, overlay: dir, builtWith: binary, problems: [r.err.trim()], findings: [], unmapped: 0 };
    builtWith = binary;
    // The binary's objects, each with the source the built-in build found for the same object.
    const sources = new Map(builtin.objects.map((o) => [keyOf(o.object), o.source]));
    const objects: BuiltObject[] = [];
    text = r.out;
    starts = [];
    for (const doc of parseAllDocuments(text)) {
      const o = doc.toJS() as unknown;
      if (!o || typeof o !== 'object' || Array.isArray(o)) continue;
      const object = o as Record<string, unknown>;
      starts.push(doc.range[0]);
      objects.push({ object, source: sources.get(keyOf(object)) ?? { file: kfile } });
    }
    build = { objects, problems: [] };
  } else ({ text, starts } = buildText(builtin));
  const findings = env.lint(kfile, text);
  const { mapped, unmapped } = mapFindings(build, text, starts, findings, files);
  return {
    output: text,
    overlay: dir,
    builtWith,
    problems: builtWith === 'built-in' ? builtin.problems.map((p) => `${path.relative(dir, p.file) || p.file}: ${p.message}`) : [],
    findings: mapped.map((f) => ({ uri: pathToFileUri(f.file), range: f.range, message: f.message, code: f.ruleId, severity: f.severity })),
    unmapped: unmapped.length,
  };
}
