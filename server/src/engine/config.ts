import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMap, isPair, isScalar, parseDocument, type Node } from 'yaml';
import { collectionKey } from '../parse/yaml';
import { readTextFileSync } from './files';
import { compileLinear } from './regex';
import { LineIndex } from './text';
import type { Range, RuleSettings, Severity, SeveritySetting } from './types';
import type { EngineSettings } from '../settings';
import { PEER_CONFIG_FILES, translatePeerConfig, type PeerRuleInfo, type PeerTool } from './peer-config';

const SEVERITY_SETTINGS: readonly string[] = ['error', 'warning', 'info', 'hint', 'off'];
/** Keys allowed at the top level of `.shipshape.yaml`. */
export const CONFIG_KEYS = ['rules', 'kubernetesVersion', 'maxFileSize', 'ignorePaths'] as const;
export const CONFIG_FILE_NAMES = ['.shipshape.yaml', '.shipshape.yml'];

/** One rule's configuration: a severity override and option values. */
export interface RuleConfig {
  severity?: SeveritySetting;
  options: Record<string, unknown>;
}

/** The meaning of one `.shipshape.yaml` (or of the `shipshape.*` settings). */
export interface ConfigLayer {
  rules: Record<string, RuleConfig>;
  kubernetesVersion?: string;
  maxFileSize?: number;
  ignorePaths?: string[];
  /** The folder of the config file this layer was read from (`ignorePaths` are relative to it). */
  folder?: string;
}

/** A problem in a configuration, with where it is. */
export interface ConfigProblem {
  message: string;
  range: Range;
  /** For unknown rule ids: the closest known id. */
  suggestion?: string;
}

/** What the engine needs to know about the rules to validate configuration. */
export interface RuleCatalogue {
  has(id: string): boolean;
  ids(): readonly string[];
  optionsOf(id: string): Readonly<Record<string, { type: string }>> | undefined;
  /** The rules with their aliases, to read other linters' configuration files (none: they are not read). */
  peerRules?(): readonly PeerRuleInfo[];
}

/** Levenshtein distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** The closest candidate within a third of the word's length, if any. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

function valueType(v: unknown): string {
  if (Array.isArray(v)) return v.every((x) => typeof x === 'string') ? 'string[]' : 'array';
  return v === null ? 'null' : typeof v;
}

/** Interprets one rule's entry (a severity string or an object with `severity` and options). */
function ruleEntry(id: string, raw: unknown, catalogue: RuleCatalogue, report: (msg: string, where: 'value' | string) => void): RuleConfig {
  if (typeof raw === 'string') {
    if (!SEVERITY_SETTINGS.includes(raw)) {
      report(`Invalid severity "${raw}" for ${id}: use one of ${SEVERITY_SETTINGS.join(', ')}.`, 'value');
      return { options: {} };
    }
    return { severity: raw as SeveritySetting, options: {} };
  }
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    const out: RuleConfig = { options: {} };
    const declared = catalogue.optionsOf(id) ?? {};
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
      if (k === 'severity') {
        if (typeof v === 'string' && SEVERITY_SETTINGS.includes(v)) out.severity = v as SeveritySetting;
        else report(`Invalid severity ${JSON.stringify(v)} for ${id}: use one of ${SEVERITY_SETTINGS.join(', ')}.`, k);
        continue;
      }
      const spec = declared[k];
      if (!spec) {
        const names = Object.keys(declared);
        const hint = closest(k, names);
        report(
          `Rule ${id} has no option "${k}"` +
            (hint ? `; did you mean "${hint}"?` : names.length ? ` (options: ${names.join(', ')}).` : ' (it takes no options).'),
          k,
        );
        continue;
      }
      if (valueType(v) !== spec.type && !(spec.type === 'string[]' && Array.isArray(v) && v.length === 0)) {
        report(`Option "${k}" of ${id} must be a ${spec.type}, not ${valueType(v)}.`, k);
        continue;
      }
      out.options[k] = v;
    }
    return out;
  }
  report(`The entry for ${id} must be a severity or an object with "severity" and options.`, 'value');
  return { options: {} };
}

/**
 * Reads a configuration object (parsed YAML or VS Code settings), reporting every problem;
 * the valid parts are kept, so one typo never disables the rest of the configuration.
 */
export function interpretConfig(
  value: unknown,
  catalogue: RuleCatalogue,
  report: (message: string, pathToValue: (string | number)[], suggestion?: string) => void,
): ConfigLayer {
  const layer: ConfigLayer = { rules: {} };
  if (value === null || value === undefined) return layer;
  if (typeof value !== 'object' || Array.isArray(value)) {
    report('The configuration must be a mapping (rules, kubernetesVersion, maxFileSize, ignorePaths).', []);
    return layer;
  }
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    switch (key) {
      case 'rules':
        if (v === null || v === undefined) break;
        if (typeof v !== 'object' || Array.isArray(v)) {
          report('"rules" must map rule ids to a severity or an object.', ['rules']);
          break;
        }
        for (const [id, raw] of Object.entries(v as Record<string, unknown>)) {
          if (!catalogue.has(id)) {
            const hint = closest(id, catalogue.ids());
            report(`Unknown rule "${id}"${hint ? `; did you mean "${hint}"?` : '.'}`, ['rules', id, '#key'], hint);
            continue;
          }
          layer.rules[id] = ruleEntry(id, raw, catalogue, (msg, where) =>
            report(msg, where === 'value' ? ['rules', id] : ['rules', id, where]),
          );
        }
        break;
      case 'kubernetesVersion': {
        const s = typeof v === 'number' ? v.toFixed(2).replace(/0$/, '') : v;
        if (typeof s === 'string' && /^v?1\.\d{1,2}(?:\.\d+)?$/.test(s)) layer.kubernetesVersion = s.replace(/^v/, '');
        else report(`"kubernetesVersion" must look like "1.33", not ${JSON.stringify(v)}.`, [key]);
        break;
      }
      case 'maxFileSize':
        if (typeof v === 'number' && v > 0) layer.maxFileSize = v;
        else report('"maxFileSize" must be a positive number of bytes.', [key]);
        break;
      case 'ignorePaths':
        if (Array.isArray(v) && v.every((x) => typeof x === 'string')) layer.ignorePaths = v as string[];
        else report('"ignorePaths" must be a list of glob strings.', [key]);
        break;
      default: {
        const hint = closest(key, CONFIG_KEYS);
        report(`Unknown key "${key}"${hint ? `; did you mean "${hint}"?` : ` (known: ${CONFIG_KEYS.join(', ')}).`}`, [key, '#key'], hint);
      }
    }
  }
  return layer;
}

function findNode(root: unknown, p: (string | number)[]): { node: Node | undefined; key: Node | undefined } {
  let cur: unknown = root;
  let key: Node | undefined;
  for (const step of p) {
    if (step === '#key') return { node: key, key };
    if (!isMap(cur)) return { node: cur as Node, key };
    const pair = cur.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === String(step));
    if (!pair) return { node: cur as Node, key };
    key = pair.key as Node;
    cur = pair.value ?? pair.key;
  }
  return { node: cur as Node, key };
}

/** Parses and validates `.shipshape.yaml` text; problems carry ranges in that text. */
export function parseConfigText(text: string, catalogue: RuleCatalogue): { layer: ConfigLayer; problems: ConfigProblem[] } {
  const lines = new LineIndex(text);
  const problems: ConfigProblem[] = [];
  const doc = parseDocument(text, { prettyErrors: false, logLevel: 'error' });
  for (const e of doc.errors) {
    problems.push({
      message: `YAML syntax error: ${e.message.split('\n')[0]}`,
      range: lines.range(e.pos[0], Math.max(e.pos[1], e.pos[0] + 1)),
    });
  }
  if (doc.errors.length) return { layer: { rules: {} }, problems };
  const badKey = collectionKey(doc.contents);
  if (badKey) {
    const r = badKey.range;
    problems.push({
      message: 'A key in the configuration is a mapping or a list; keys are rule ids and setting names.',
      range: r ? lines.range(r[0], r[1]) : lines.range(0, 0),
    });
    return { layer: { rules: {} }, problems };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    problems.push({ message: `Cannot read the configuration: ${(e as Error).message}`, range: lines.range(0, 0) });
    return { layer: { rules: {} }, problems };
  }
  const layer = interpretConfig(value, catalogue, (message, p, suggestion) => {
    const { node } = findNode(doc.contents, p);
    const r = (node as { range?: [number, number, number] } | undefined)?.range;
    const problem: ConfigProblem = { message, range: r ? lines.range(r[0], r[1]) : lines.range(0, 0) };
    if (suggestion) problem.suggestion = suggestion;
    problems.push(problem);
  });
  return { layer, problems };
}

/** How many folders up from a file the search for config files goes at most. */
const MAX_DEPTH = 64;
/** A config file larger than this is not read. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** How many folder answers `layersFor` keeps before starting afresh. */
const MAX_CHECKED_FOLDERS = 2000;

/** A path and its modification time when an answer was computed (-1: it did not exist). */
interface Stamp {
  readonly path: string;
  readonly mtimeMs: number;
}

function mtimeOf(p: string): number {
  try {
    return fs.statSync(p, { throwIfNoEntry: false })?.mtimeMs ?? -1;
  } catch {
    return -1;
  }
}

/** Whether `dir` has fewer than `max` parts (`dir.split(path.sep).length < max`, without the array). */
function depthBelow(dir: string, max: number): boolean {
  let parts = 1;
  for (let i = dir.indexOf(path.sep); i >= 0; i = dir.indexOf(path.sep, i + 1)) if (++parts >= max) return false;
  return true;
}

/** Loads `.shipshape.yaml` files from a file's folder up to a root, caching by path and mtime. */
export class ConfigLoader {
  private readonly cache = new Map<string, { mtimeMs: number; layer: ConfigLayer; problems: ConfigProblem[] } | null>();
  /** `layersFor` answers by folder and root, while `rememberFolders` is on. */
  private readonly folders = new Map<string, readonly ConfigLayer[]>();
  /**
   * Remember the layers found for each folder until `invalidate`, instead of looking at the disk
   * again for every file. For the CLI, whose config files change only through its own `--fix`
   * (which invalidates them); the server leaves it off and sees edits made behind its back.
   */
  rememberFolders = false;
  /** Told about a config file that exists but is not read (not a regular file, or too large). */
  onUnreadable: ((file: string, detail: string) => void) | undefined;

  constructor(private readonly catalogue: RuleCatalogue) {}

  /**
   * The layers last found for a folder (and root), with the modification times they were found at:
   * of each folder searched (a config file added, removed or renamed changes its folder's) and of
   * each config file read. While none of them changed, the answer stands; a keystroke's two look-ups
   * then cost one `stat` per folder instead of one per possible config file in each.
   */
  private readonly checked = new Map<string, { readonly stamps: readonly Stamp[]; readonly layers: readonly ConfigLayer[] }>();

  /** Forgets a cached file (the server calls this when a config file changes). */
  invalidate(file?: string): void {
    if (file) this.cache.delete(file);
    else this.cache.clear();
    this.folders.clear();
    this.checked.clear();
  }

  /** Reads one config file; problems are kept for the CLI to print. */
  load(file: string): { layer: ConfigLayer; problems: ConfigProblem[] } | undefined {
    let stat: fs.Stats | undefined;
    try {
      // No exception for the usual case (no config file here): this runs for every folder on every lint.
      stat = fs.statSync(file, { throwIfNoEntry: false });
    } catch {
      stat = undefined;
    }
    if (!stat) {
      this.cache.set(file, null);
      return undefined;
    }
    const hit = this.cache.get(file);
    if (hit && hit.mtimeMs === stat.mtimeMs) return hit;
    const read = readTextFileSync(file, MAX_CONFIG_BYTES);
    if (!read.ok) {
      // A symlink to a device or a FIFO, or a huge file, is ignored (once per change), not read.
      if (read.reason === 'missing') return undefined;
      this.onUnreadable?.(file, read.detail);
      const empty = { mtimeMs: stat.mtimeMs, layer: { rules: {} }, problems: [] };
      this.cache.set(file, empty);
      return empty;
    }
    const text = read.text;
    const parsed = parseConfigText(text, this.catalogue);
    parsed.layer.folder = path.dirname(file);
    this.cache.set(file, { mtimeMs: stat.mtimeMs, ...parsed });
    return parsed;
  }

  /** The config layers that apply to `file`, outermost first, searching up to `root`. */
  layersFor(file: string, root: string | undefined): ConfigLayer[] {
    return [...this.sharedLayersFor(file, root)];
  }

  /**
   * `layersFor` without the copy: the same array for as long as the answer stands (until a folder or
   * config file it read changes, or `invalidate`), so callers can key what they derive from it on it.
   */
  sharedLayersFor(file: string, root: string | undefined): readonly ConfigLayer[] {
    const dir = path.dirname(path.resolve(file));
    const stop = root ? path.resolve(root) : undefined;
    // Below 64 folders deep the walk always ends at the root or at `stop`, so a folder's answer does
    // not depend on which file asked.
    if (this.rememberFolders && depthBelow(dir, MAX_DEPTH)) return this.folderLayers(dir, stop);
    const key = `${dir}\0${stop ?? ''}`;
    const hit = this.checked.get(key);
    if (hit && hit.stamps.every((s) => mtimeOf(s.path) === s.mtimeMs)) return hit.layers;
    // The folders' times are taken before their files are read: a change made meanwhile is seen next time.
    const folders = this.searched(dir, stop);
    const stamps: Stamp[] = folders.map((f) => ({ path: f, mtimeMs: mtimeOf(f) }));
    const layers: ConfigLayer[] = [];
    for (const f of folders) {
      layers.unshift(...this.ownLayers(f));
      for (const file of this.candidates(f)) {
        const read = this.cache.get(file);
        if (read) stamps.push({ path: file, mtimeMs: read.mtimeMs });
      }
    }
    if (this.checked.size >= MAX_CHECKED_FOLDERS) this.checked.clear();
    this.checked.set(key, { stamps, layers });
    return layers;
  }

  /** The folders a search from `start` looks in, innermost first. */
  private searched(start: string, stop: string | undefined): string[] {
    const out: string[] = [];
    let dir = start;
    for (let i = 0; i < MAX_DEPTH; i++) {
      out.push(dir);
      if (ConfigLoader.lastFolder(dir, stop)) break;
      dir = path.dirname(dir);
    }
    return out;
  }

  /** Reads another linter's configuration file as a layer, cached like `load`. */
  loadPeer(file: string, tool: PeerTool): ConfigLayer | undefined {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile()) {
      this.cache.set(file, null);
      return undefined;
    }
    const hit = this.cache.get(file);
    if (hit && hit.mtimeMs === stat.mtimeMs) return hit.layer;
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
    const { layer } = translatePeerConfig(tool, text, this.catalogue.peerRules?.() ?? []);
    this.cache.set(file, { mtimeMs: stat.mtimeMs, layer, problems: [] });
    return layer;
  }

  /**
   * The config of one folder itself: other linters' files (`.hadolint.yaml`, `.kube-linter.yaml`, a Polaris
   * configuration) first, then `.shipshape.yaml` (before `.shipshape.yml`), which wins over them.
   */
  /** The config files `ownLayers` reads in a folder (whether or not they exist). */
  private candidates(dir: string): string[] {
    const peers = this.catalogue.peerRules ? PEER_CONFIG_FILES.map((p) => p.name) : [];
    return [...peers, ...CONFIG_FILE_NAMES].map((name) => path.join(dir, name));
  }

  private ownLayers(dir: string): ConfigLayer[] {
    const layers: ConfigLayer[] = [];
    if (this.catalogue.peerRules) {
      for (const { name, tool } of PEER_CONFIG_FILES) {
        const layer = this.loadPeer(path.join(dir, name), tool);
        if (layer && Object.keys(layer.rules).length) layers.push(layer);
      }
    }
    for (const name of CONFIG_FILE_NAMES) {
      const found = this.load(path.join(dir, name));
      if (found) {
        layers.push(found.layer);
        break;
      }
    }
    return layers;
  }

  /** Whether the search upwards ends at `dir`. */
  private static lastFolder(dir: string, stop: string | undefined): boolean {
    return (stop !== undefined && (dir === stop || !dir.startsWith(stop))) || path.dirname(dir) === dir;
  }

  /** The layers of a search, remembered per folder: its parent's layers, then its own. */
  private folderLayers(dir: string, stop: string | undefined): readonly ConfigLayer[] {
    const key = `${dir}\0${stop ?? ''}`;
    let layers = this.folders.get(key);
    if (!layers) {
      const outer = ConfigLoader.lastFolder(dir, stop) ? [] : this.folderLayers(path.dirname(dir), stop);
      const own = this.ownLayers(dir);
      layers = own.length ? [...outer, ...own] : outer;
      this.folders.set(key, layers);
    }
    return layers;
  }
}

/** Severity, options and versions for one document, after merging settings and config files. */
export class EffectiveConfig {
  readonly rules: Record<string, RuleConfig> = {};
  readonly kubernetesVersion: string;
  readonly maxFileSize: number;
  private readonly ignore: { folder: string; globs: readonly string[] }[] = [];

  constructor(base: ConfigLayer & { kubernetesVersion: string; maxFileSize: number }, layers: readonly ConfigLayer[] = []) {
    let kv = base.kubernetesVersion;
    let max = base.maxFileSize;
    for (const layer of [base, ...layers]) {
      if (layer.folder && layer.ignorePaths?.length) this.ignore.push({ folder: layer.folder, globs: layer.ignorePaths });
      for (const [id, rc] of Object.entries(layer.rules)) {
        const prev = this.rules[id];
        const merged: RuleConfig = { options: { ...(prev?.options ?? {}), ...rc.options } };
        const sev = rc.severity ?? prev?.severity;
        if (sev) merged.severity = sev;
        this.rules[id] = merged;
      }
      if (layer.kubernetesVersion) kv = layer.kubernetesVersion;
      if (layer.maxFileSize) max = layer.maxFileSize;
    }
    this.kubernetesVersion = kv;
    this.maxFileSize = max;
  }

  /**
   * Whether `ignorePaths` of a config file above `file` matches it: each glob is matched against
   * the path relative to that config file's folder (`*` within a folder, `**` across folders, `?`
   * one character; a glob naming a folder covers everything in it).
   */
  ignores(file: string): boolean {
    for (const { folder, globs } of this.ignore) {
      const rel = path.relative(folder, file).split(path.sep).join('/');
      if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
      if (globs.some((g) => globMatches(g, rel))) return true;
    }
    return false;
  }

  severity(id: string, fallback: Severity): SeveritySetting {
    return this.rules[id]?.severity ?? fallback;
  }

  /** `ruleSettings` answers by rule id (a config is not changed once built: a new one replaces it). */
  private readonly settingsById = new Map<string, { defaults: unknown; settings: RuleSettings }>();

  /** The view a rule sees, with option defaults filled in from the rule's declaration. */
  ruleSettings(id: string, defaults: Readonly<Record<string, { default: unknown }>> | undefined): RuleSettings {
    const hit = this.settingsById.get(id);
    if (hit && hit.defaults === defaults) return hit.settings;
    const opts = this.rules[id]?.options ?? {};
    const kubernetesVersion = this.kubernetesVersion;
    const settings: RuleSettings = {
      kubernetesVersion,
      option<T>(name: string): T {
        return (name in opts ? opts[name] : defaults?.[name]?.default) as T;
      },
    };
    this.settingsById.set(id, { defaults, settings });
    return settings;
  }
}

/** Turns VS Code `shipshape.*` settings into the base configuration layer. */
export function settingsLayer(
  settings: EngineSettings,
  catalogue: RuleCatalogue,
  report: (message: string) => void = () => undefined,
): ConfigLayer & { kubernetesVersion: string; maxFileSize: number } {
  const layer = interpretConfig({ rules: settings.rules ?? {} }, catalogue, (m) => report(m));
  return { ...layer, kubernetesVersion: settings.kubernetesVersion, maxFileSize: settings.maxFileSize };
}

/** The RE2 pattern of a glob (linear time: globs come from the repository's config). */
function globPattern(glob: string): string {
  let g = glob.replace(/^\.\//, '').replace(/\/+$/, '/**');
  if (!g.includes('/')) g = `**/${g}`;
  let out = '';
  for (let i = 0; i < g.length; i++) {
    const c = g[i]!;
    if (c === '*' && g[i + 1] === '*') {
      const slash = g[i + 2] === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += /[\\^$.|+()[\]{}]/.test(c) ? `\\${c}` : c;
  }
  // A glob that names a folder covers what is inside it.
  return `^${out}(?:/.*)?$`;
}

/** Whether a glob matches a `/`-separated relative path. */
export function globMatches(glob: string, rel: string): boolean {
  const c = compileLinear(globPattern(glob));
  return c.ok && c.re.test(rel);
}
