import * as fs from 'node:fs';
import * as path from 'node:path';
import { classify, type FileProbe } from './classify';
import { ConfigLoader, EffectiveConfig, settingsLayer, type ConfigLayer } from './config';
import { fixAll, lint, computeFix, parseAs, type LintInput, type LintResult } from './engine';
import type { Rule } from './rule';
import type { Finding, Fix } from './types';
import { fileUriToPath } from './uri';
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
  const p = fileUriToPath(uri);
  const { kind, chartRoot } = classify(p, languageId, text, probe);
  const objects: IndexedObject[] = [];
  if (kind === 'manifest' && !text.includes('\u0000')) {
    const doc = parseAs('manifest', text);
    if (doc.kind === 'manifest') {
      for (const o of doc.objects) {
        objects.push({ uri, apiVersion: o.apiVersion, kind: o.kind, name: o.name, namespace: o.namespace, value: o.value, range: o.range });
      }
    }
  }
  return { uri, path: p, kind, chartRoot, objects };
}

/**
 * One workspace as the engine sees it: rules, settings, config files and the index. The language
 * server and the CLI each hold one; neither does per-edit work over the whole workspace.
 */
export class Project {
  readonly probe = new DiskProbe();
  readonly index = new WorkspaceIndex((p) => this.probe.exists(p));
  readonly configs = new ConfigLoader(catalogue());
  private settings: EngineSettings = DEFAULT_ENGINE_SETTINGS;
  private base = settingsLayer(DEFAULT_ENGINE_SETTINGS, catalogue());
  /** Extra layer from `--config FILE`, applied last. */
  private explicit: ConfigLayer | undefined;
  /** Whether rules may run external programs (`Rule.requires`); the server follows workspace trust. */
  trusted = true;

  constructor(
    readonly rules: readonly Rule[],
    public roots: string[] = [],
  ) {}

  /** Replaces the `shipshape.*` settings; problems in them are passed to `report`. */
  setSettings(settings: Partial<EngineSettings>, report?: (message: string) => void): void {
    this.settings = { ...DEFAULT_ENGINE_SETTINGS, ...settings };
    this.base = settingsLayer(this.settings, catalogue(), report);
  }

  setExplicitConfig(layer: ConfigLayer | undefined): void {
    this.explicit = layer;
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

  /** The merged configuration for one document. */
  configFor(uri: string): EffectiveConfig {
    const p = fileUriToPath(uri);
    const layers = p ? this.configs.layersFor(p, this.rootOf(p)) : [];
    if (this.explicit) layers.push(this.explicit);
    return new EffectiveConfig(this.base, layers);
  }

  lint(input: LintInput): LintResult {
    const { findings, kind, chartRoot } = lint(input, {
      rules: this.rules,
      config: this.configFor(input.uri),
      workspace: this.index,
      probe: this.probe,
      trusted: this.trusted,
    });
    return { findings, kind, chartRoot };
  }

  fix(ruleId: string, input: LintInput, finding: Finding): Fix | undefined {
    const rule = this.rules.find((r) => r.id === ruleId);
    if (!rule) return undefined;
    return computeFix(rule, input, finding, { config: this.configFor(input.uri), workspace: this.index, probe: this.probe });
  }

  fixAll(input: LintInput): { text: string; applied: number } {
    return fixAll(input, {
      rules: this.rules,
      config: this.configFor(input.uri),
      workspace: this.index,
      probe: this.probe,
      trusted: this.trusted,
    });
  }

  /** Updates the index entry of one document (open buffer or file on disk). */
  updateIndex(uri: string, text: string, languageId?: string): IndexedFile {
    const entry = summarize(uri, text, languageId, this.probe);
    this.index.set(entry);
    return entry;
  }
}
