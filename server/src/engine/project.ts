import { wordsOf } from './text';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { classify, type FileProbe } from './classify';
import { ConfigLoader, EffectiveConfig, settingsLayer, type ConfigLayer } from './config';
import {
  fixAll,
  holdParse,
  lint,
  computeFix,
  parseAs,
  type FixAllOptions,
  type LintEnvironment,
  type LintInput,
  type LintResult,
} from './engine';
import type { ParsedDocument, Rule } from './rule';
import { unread } from '../parse/yaml';
import { parityFacts } from '../parity/facts';
import { kustomizationPatches } from './patches';
import type { DocumentKind, Finding, Fix } from './types';
import { EngineReady, type ParserLoader } from './ready';
import { fileUriToPath, pathToFileUri } from './uri';
import { WorkspaceIndex, type IndexedFile, type IndexedObject } from './workspace';
import { catalogue } from '../rules/catalogue';
import { DEFAULT_ENGINE_SETTINGS, type EngineSettings } from '../settings';

/** Disk access with a small cache of `exists` answers (cleared when the workspace changes). */
export class DiskProbe implements FileProbe {
  private readonly cache = new Map<string, boolean>();

  exists(p: string): boolean {
    let hit = this.cache.get(p);
    if (hit === undefined) {
      hit = fs.existsSync(p);
      this.cache.set(p, hit);
    }
    return hit;
  }

  forget(p?: string): void {
    if (p) this.cache.delete(p);
    else this.cache.clear();
  }
}

/** Folders never walked for the index or by the CLI. */
export const SKIPPED_DIRS = new Set(['.git', 'node_modules', '.vscode-test', '.hg', '.svn']);

/** Whether a file name is worth classifying when walking a tree (cheap pre-filter). */
export function isCandidateFile(name: string): boolean {
  return (
    /\.(?:ya?ml|json|tpl|txt)$/i.test(name) ||
    /(?:^|\.)(?:Docker|Container)file(?:\..*)?$/i.test(name) ||
    name.endsWith('.dockerignore') ||
    name === 'Kustomization'
  );
}

/** The index entry for one file's text. */
export function summarize(uri: string, text: string, languageId: string | undefined, probe: FileProbe): IndexedFile {
  return summarizeParsed(uri, text, languageId, probe).entry;
}

/** `summarize`, also returning the parse it made (manifests only). */
function summarizeParsed(
  uri: string,
  text: string,
  languageId: string | undefined,
  probe: FileProbe,
  maxChars = Infinity,
): { entry: IndexedFile; doc: ParsedDocument | undefined } {
  const p = fileUriToPath(uri);
  const { kind, chartRoot } = classify(p, languageId, text, probe);
  const objects: IndexedObject[] = [];
  let doc: ParsedDocument | undefined;
  if (kind === 'manifest' && text.length <= maxChars && !text.includes('\u0000')) {
    doc = parseAs('manifest', text);
    if (doc.kind === 'manifest') {
      for (const o of doc.objects) {
        objects.push({ uri, apiVersion: o.apiVersion, kind: o.kind, name: o.name, namespace: o.namespace, value: o.value, range: o.range });
      }
    }
  }
  if (kind === 'compose' && text.length <= maxChars && !text.includes('\u0000')) doc = parseAs('compose', text);
  const facts = parityFacts(doc, uri);
  const base = { uri, path: p, kind, chartRoot, objects };
  const unreadWords = doc?.kind === 'manifest' && unread(doc) ? { unreadWords: wordsOf(text) } : undefined;
  if (facts) return { entry: { ...base, ...facts, ...unreadWords }, doc };
  if (kind === 'kustomization' && p) return { entry: { ...base, patches: kustomizationPatches(p, text) }, doc };
  if (unreadWords) return { entry: { ...base, ...unreadWords }, doc };
  if (kind === 'dockerfile')
    return { entry: { ...base, healthcheck: /^[ \t]*HEALTHCHECK[ \t]+(?!NONE\b)\S/im.test(text.slice(0, 1_000_000)) }, doc };
  if (kind === 'dockerignore') return { entry: { ...base, lines: text.slice(0, 1_000_000).split(/\r?\n/) }, doc };
  return { entry: base, doc };
}

/** The layers of a document that has no path (an untitled buffer). */
const NO_LAYERS: readonly ConfigLayer[] = [];

/** A parse made while indexing, waiting for the file's lint. */
interface KeptParse {
  readonly text: string;
  readonly languageId: string | undefined;
  readonly kind: DocumentKind;
  readonly chartRoot: string | undefined;
  readonly doc: ParsedDocument;
}

/**
 * One workspace as the engine sees it: rules, settings, config files and the index. The language
 * server and the CLI each hold one; neither does per-edit work over the whole workspace. Every
 * front end gets its project from {@link Project.open}, which awaits every parser first (the CLI),
 * or {@link Project.lazy}, whose {@link Project.prepare} awaits a kind's parsers before its first
 * lint (the language server).
 */
export class Project {
  readonly probe = new DiskProbe();
  readonly index = new WorkspaceIndex((p) => this.probe.exists(p));
  readonly configs = new ConfigLoader(catalogue());
  private settings: EngineSettings = DEFAULT_ENGINE_SETTINGS;
  private base = settingsLayer(DEFAULT_ENGINE_SETTINGS, catalogue());
  /** Extra layer from `--config FILE`, applied last. */
  private explicit: ConfigLayer | undefined;
  /** Configurations built by `configFor`, by the layers they were built from (for the current base and explicit layer). */
  private configCache = new WeakMap<readonly ConfigLayer[], EffectiveConfig>();
  /** Whether rules may run external programs (`Rule.requires`); the server follows workspace trust. */
  trusted = true;
  /** Parses kept from `updateIndex` for the next `lint` of the same text (see `keepParses`). */
  private readonly kept = new Map<string, KeptParse>();
  private keptChars = 0;
  private keepBudget = 0;

  private constructor(
    readonly rules: readonly Rule[],
    public roots: string[],
    readonly ready: EngineReady,
  ) {}

  /**
   * The only way to a project: resolves once every parser has loaded or failed (a failure is then
   * reported on each file that needs the parser). `parsers` replaces the real ones, for tests.
   */
  static async open(rules: readonly Rule[], roots: string[] = [], parsers?: readonly ParserLoader[]): Promise<Project> {
    return new Project(rules, roots, await EngineReady.load(parsers));
  }

  /**
   * A project that loads each parser on first need (the language server): call {@link prepare}
   * before linting a document, and await what it returns.
   */
  static lazy(rules: readonly Rule[], roots: string[] = [], parsers?: readonly ParserLoader[]): Project {
    return new Project(rules, roots, EngineReady.lazy(parsers));
  }

  /**
   * Loads the parsers the document's kind needs; undefined when they already have loaded (or
   * failed: the lint then reports it), so a check of a loaded kind waits for nothing.
   */
  prepare(input: LintInput): Promise<void> | undefined {
    return this.ready.prepare(classify(fileUriToPath(input.uri), input.languageId, input.text, this.probe).kind);
  }

  /** A project on an engine already awaited (for hosts that make many, such as tests). */
  static create(ready: EngineReady, rules: readonly Rule[], roots: string[] = []): Project {
    return new Project(rules, roots, ready);
  }

  /** Replaces the `shipshape.*` settings; problems in them are passed to `report`. */
  setSettings(settings: Partial<EngineSettings>, report?: (message: string) => void): void {
    this.settings = { ...DEFAULT_ENGINE_SETTINGS, ...settings };
    this.base = settingsLayer(this.settings, catalogue(), report);
    this.configCache = new WeakMap();
  }

  setExplicitConfig(layer: ConfigLayer | undefined): void {
    this.explicit = layer;
    this.configCache = new WeakMap();
  }

  /** The workspace root containing a path (the longest match), if any. */
  rootOf(p: string): string | undefined {
    let best: string | undefined;
    for (const r of this.roots) {
      const rel = path.relative(r, p);
      if (!rel.startsWith('..') && !path.isAbsolute(rel) && (!best || r.length > best.length)) best = r;
    }
    return best;
  }

  /**
   * The merged configuration for one document. It is built once per answer of the config look-up
   * (the same layers array while no folder or config file it read changed), and again after the
   * settings or the explicit config change: a batch of files in one folder shares one.
   */
  configFor(uri: string): EffectiveConfig {
    const p = fileUriToPath(uri);
    const layers = p ? this.configs.sharedLayersFor(p, this.rootOf(p)) : NO_LAYERS;
    let config = this.configCache.get(layers);
    if (!config) {
      config = new EffectiveConfig(this.base, this.explicit ? [...layers, this.explicit] : layers);
      this.configCache.set(layers, config);
    }
    return config;
  }

  /**
   * Keeps each indexed manifest's parse until that file is linted, up to `maxChars` of text in all.
   * A batch run (the CLI) indexes every file before it lints any, and would otherwise parse each
   * file twice; the server lints as it indexes and leaves this off (0).
   */
  keepParses(maxChars: number): void {
    this.keepBudget = maxChars;
    if (maxChars <= 0) {
      this.kept.clear();
      this.keptChars = 0;
    }
  }

  private dropParse(uri: string): KeptParse | undefined {
    const hit = this.kept.get(uri);
    if (hit) {
      this.kept.delete(uri);
      this.keptChars -= hit.text.length;
    }
    return hit;
  }

  /** Takes the kept parse of `input`, if it was made from the same text. */
  private takeParse(input: LintInput): KeptParse | undefined {
    const hit = this.dropParse(input.uri);
    return hit && hit.text === input.text && hit.languageId === input.languageId ? hit : undefined;
  }

  /** What linting a document at `uri` needs: the rules, its configuration, the index, trust and readiness. */
  private envFor(uri: string): LintEnvironment {
    return {
      rules: this.rules,
      config: this.configFor(uri),
      workspace: this.index,
      probe: this.probe,
      trusted: this.trusted,
      ready: this.ready,
    };
  }

  lint(input: LintInput): LintResult {
    const { findings, kind, chartRoot } = lint(input, this.envFor(input.uri), this.takeParse(input));
    return { findings, kind, chartRoot };
  }

  /** Lints one document of a chart's rendered output as a manifest, configured as its template. */
  lintRendered(templateFile: string, text: string): LintResult['findings'] {
    const uri = pathToFileUri(templateFile);
    return lint({ uri, text }, this.envFor(uri), { kind: 'manifest', chartRoot: undefined }).findings;
  }

  fix(ruleId: string, input: LintInput, finding: Finding): Fix | undefined {
    const rule = this.rules.find((r) => r.id === ruleId);
    if (!rule) return undefined;
    return computeFix(rule, input, finding, { config: this.configFor(input.uri), workspace: this.index, probe: this.probe });
  }

  fixAll(input: LintInput, options?: FixAllOptions): { text: string; applied: number } {
    return fixAll(input, this.envFor(input.uri), options);
  }

  /**
   * Updates the index entry of one document (open buffer or file on disk). A manifest larger than
   * its `maxFileSize` is not parsed: it is indexed without its objects.
   */
  updateIndex(uri: string, text: string, languageId?: string): IndexedFile {
    const { entry, doc } = summarizeParsed(uri, text, languageId, this.probe, this.configFor(uri).maxFileSize);
    this.index.set(entry);
    if (this.keepBudget > 0) {
      this.dropParse(uri);
      if (doc && this.keptChars + text.length <= this.keepBudget) {
        this.kept.set(uri, { text, languageId, kind: entry.kind, chartRoot: entry.chartRoot, doc });
        holdParse(doc);
        this.keptChars += text.length;
      }
    }
    return entry;
  }
}
