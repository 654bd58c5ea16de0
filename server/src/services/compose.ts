/**
 * Compose navigation and hovers, as plain data: go to the Dockerfile a service builds, a hover on
 * a service naming that Dockerfile's findings, and hovers on Compose keys. Never sees the connection.
 */
import * as path from 'node:path';
import { parseCompose, type ComposeService } from '../compose/model';
import { builtDockerfile } from '../compose/paths';
import { COMPOSE_SPEC_VERSION, SERVICE, TOP_LEVEL, type KeySpec, type MapSpec } from '../compose/schema';
import { rangeContains } from '../engine/text';
import type { Position, Range, Severity } from '../engine/types';

/** A finding of another file, as a hover lists it. */
export interface LinkedFinding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  /** Zero-based line. */
  readonly line: number;
}

/** A place in another file. */
export interface ComposeLocation {
  readonly file: string;
  readonly range: Range;
}

const at = (pos: Position): Range => ({ start: pos, end: pos });
const inside = (r: Range | undefined, pos: Position): boolean => r !== undefined && rangeContains(r, at(pos));

/**
 * Go to definition from a service's `build.dockerfile` or `build.context` (either form) to the
 * Dockerfile it builds, when `exists` says it is there.
 */
export function composeDefinition(file: string, text: string, pos: Position, exists: (p: string) => boolean): ComposeLocation[] {
  for (const s of parseCompose(text).model.services) {
    const b = s.build;
    if (!b || !(inside(b.dockerfile?.range, pos) || inside(b.context?.range, pos) || inside(b.keyRange, pos))) continue;
    const target = builtDockerfile(file, b);
    return target && exists(target) ? [{ file: target, range: at({ line: 0, character: 0 }) }] : [];
  }
  return [];
}

/** The service whose name is under `pos`. */
function serviceAt(services: readonly ComposeService[], pos: Position): ComposeService | undefined {
  return services.find((s) => inside(s.keyRange, pos));
}

/**
 * The hover on a service name: what it runs and, for a built service, the findings of its
 * Dockerfile (`findingsOf` lints it; undefined when it cannot be read).
 */
export function composeServiceHover(
  file: string,
  text: string,
  pos: Position,
  findingsOf: (dockerfile: string) => readonly LinkedFinding[] | undefined,
): { markdown: string; range: Range } | undefined {
  const model = parseCompose(text).model;
  const s = serviceAt(model.services, pos);
  if (!s) return keyHover(text, pos);
  const parts = [`**Compose service \`${s.name}\`**`];
  if (s.image) parts.push(`Image: \`${s.image.ref}\``);
  const dockerfile = s.build ? builtDockerfile(file, s.build) : undefined;
  if (dockerfile) {
    const rel = path.relative(path.dirname(file), dockerfile).split(path.sep).join('/');
    const findings = findingsOf(dockerfile);
    if (findings === undefined) parts.push(`Builds \`${rel}\` (not found).`);
    else if (findings.length === 0) parts.push(`Builds \`${rel}\`: no findings.`);
    else {
      const list = findings.slice(0, 20).map((f) => `- line ${f.line + 1}, ${f.severity}: ${f.message} (\`${f.ruleId}\`)`);
      if (findings.length > 20) list.push(`- … and ${findings.length - 20} more`);
      parts.push(`Builds \`${rel}\`, which has ${findings.length} finding${findings.length === 1 ? '' : 's'}:\n\n${list.join('\n')}`);
    }
  }
  return { markdown: parts.join('\n\n'), range: s.keyRange };
}

function describeKey(name: string, where: string, k: KeySpec): string {
  const shapes = k.shapes.map((s) => (s === 'list' ? 'a list' : s === 'map' ? 'a mapping' : `a ${s}`)).join(' or ');
  return `**${name}** (${where})\n\nAccepts ${shapes}.\n\n_Compose Specification, ${COMPOSE_SPEC_VERSION}_`;
}

/** The spec of the mapping that holds the key at `path` (the keys from the root to the key). */
export function composeMapSpecAt(keyPath: readonly string[]): MapSpec | undefined {
  let spec: MapSpec | undefined = TOP_LEVEL;
  for (let i = 0; i < keyPath.length - 1 && spec; i++) {
    const k: KeySpec | undefined = spec.keys.get(keyPath[i]!);
    if (!k) return undefined;
    if (k.values) {
      // `services.<name>.…`: skip the name.
      i++;
      spec = i < keyPath.length - 1 ? k.values : undefined;
    } else spec = k.map;
  }
  return spec;
}

/** The path of keys to the key under `pos` in block YAML, from indentation. */
function keyPathAt(text: string, pos: Position): { path: string[]; start: number; end: number } | undefined {
  const lines = text.split(/\r?\n/);
  const line = lines[pos.line];
  if (line === undefined) return undefined;
  const m = /^(\s*)(?:- )?([A-Za-z0-9_.-]+)\s*:/.exec(line);
  if (!m) return undefined;
  const start = m[0].indexOf(m[2]!);
  const end = start + m[2]!.length;
  if (pos.character < start || pos.character > end) return undefined;
  const keys = [m[2]!];
  let indent = start;
  for (let l = pos.line - 1; l >= 0 && indent > 0; l--) {
    const t = lines[l]!;
    const k = /^(\s*)([A-Za-z0-9_.-]+)\s*:/.exec(t);
    if (!k || t.trim().startsWith('#')) continue;
    if (k[1]!.length < indent) {
      keys.unshift(k[2]!);
      indent = k[1]!.length;
    }
  }
  return { path: keys, start, end };
}

/** The hover on a Compose key: the shapes the specification allows for it. */
export function keyHover(text: string, pos: Position): { markdown: string; range: Range } | undefined {
  const found = keyPathAt(text, pos);
  if (!found) return undefined;
  const spec = composeMapSpecAt(found.path);
  const key = found.path.at(-1)!;
  const k = spec?.keys.get(key);
  if (!spec || !k) return undefined;
  return {
    markdown: describeKey(key, spec === SERVICE ? 'service key' : spec === TOP_LEVEL ? 'top-level key' : `key of \`${spec.name}\``, k),
    range: { start: { line: pos.line, character: found.start }, end: { line: pos.line, character: found.end } },
  };
}

/** Completion items for the keys of the mapping at `keyPath` (the path of the mapping itself). */
export function composeKeyCompletions(parentPath: readonly string[]): { label: string; detail: string }[] {
  const spec = composeMapSpecAt([...parentPath, '']);
  if (!spec) return [];
  return [...spec.keys.keys()].sort().map((label) => ({ label, detail: `Compose ${spec.name} key` }));
}

/** Key completions at `pos` when the line so far is only indentation and a partial key. */
export function composeCompletionsAt(
  text: string,
  pos: Position,
): { label: string; detail: string; documentation: string; range: Range }[] | undefined {
  const lines = text.split(/\r?\n/);
  const before = (lines[pos.line] ?? '').slice(0, pos.character);
  const m = /^(\s*)([A-Za-z0-9_.-]*)$/.exec(before);
  if (!m) return undefined;
  const indent = m[1]!.length;
  const parents: string[] = [];
  let level = indent;
  for (let l = pos.line - 1; l >= 0 && level > 0; l--) {
    const k = /^(\s*)([A-Za-z0-9_.-]+)\s*:/.exec(lines[l]!);
    if (!k || lines[l]!.trim().startsWith('#')) continue;
    if (k[1]!.length < level) {
      parents.unshift(k[2]!);
      level = k[1]!.length;
    }
  }
  const spec = composeMapSpecAt([...parents, '']);
  if (!spec) return undefined;
  const range: Range = { start: { line: pos.line, character: indent }, end: pos };
  return [...spec.keys.entries()]
    .filter(([name]) => name !== 'version')
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([label, k]) => ({ label, detail: `Compose ${spec.name} key`, documentation: describeKey(label, spec.name, k), range }));
}
