/**
 * Other linters' configuration files, read as if they were written in `.shipshape.yaml`: hadolint's
 * `.hadolint.yaml` (`ignored`, `trustedRegistries`, `override`, `label-schema`, `strict-labels`), kube-linter's `.kube-linter.yaml`
 * (`checks.include`, `checks.exclude`, `checks.doNotAutoAddDefaults`, `checks.addAllBuiltIn`) and a Polaris
 * configuration (`checks: {id: ignore | warning | danger}`). Their check ids reach Shipshape's rules through
 * the rules' aliases.
 */
import * as path from 'node:path';
import { parse } from 'yaml';
import type { ConfigLayer, RuleConfig } from './config';
import type { Severity, SeveritySetting } from './types';

/** The tools whose configuration Shipshape reads. */
export type PeerTool = 'hadolint' | 'kube-linter' | 'polaris';

/** File names of each tool's configuration, in the order they are looked for in a folder. */
export const PEER_CONFIG_FILES: readonly { readonly name: string; readonly tool: PeerTool }[] = [
  { name: '.hadolint.yaml', tool: 'hadolint' },
  { name: '.hadolint.yml', tool: 'hadolint' },
  { name: '.kube-linter.yaml', tool: 'kube-linter' },
  { name: '.kube-linter.yml', tool: 'kube-linter' },
  { name: '.polaris.yaml', tool: 'polaris' },
  { name: '.polaris.yml', tool: 'polaris' },
  { name: 'polaris.yaml', tool: 'polaris' },
  { name: 'polaris.yml', tool: 'polaris' },
];

/** The tool whose configuration a file is, by its name. */
export function peerToolOf(file: string): PeerTool | undefined {
  const base = path.basename(file);
  return PEER_CONFIG_FILES.find((f) => f.name === base)?.tool;
}

/** What the translation needs to know of a rule. */
export interface PeerRuleInfo {
  readonly id: string;
  readonly severity: Severity;
  readonly aliases: readonly string[];
  readonly defaultEnabled?: boolean;
  readonly options?: Readonly<Record<string, { type: string; default?: unknown }>>;
}

/** A peer configuration as Shipshape configuration, with one line per decision for the info finding. */
export interface PeerTranslation {
  readonly layer: ConfigLayer;
  readonly notes: string[];
}

const HADOLINT_LEVELS: Record<string, SeveritySetting> = { error: 'error', warning: 'warning', info: 'info', style: 'hint', ignore: 'off' };
const POLARIS_LEVELS: Record<string, SeveritySetting> = { danger: 'error', warning: 'warning', ignore: 'off' };
const RANK: Record<SeveritySetting, number> = { off: 0, hint: 1, info: 2, warning: 3, error: 4 };

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** Builds the layer: ids → rules through aliases, one decision per rule. */
class Builder {
  readonly rules: Record<string, RuleConfig> = {};
  readonly notes: string[] = [];
  constructor(
    private readonly tool: PeerTool,
    private readonly all: readonly PeerRuleInfo[],
  ) {}

  rulesFor(check: string): PeerRuleInfo[] {
    const alias = `${this.tool}:${check}`.toLowerCase();
    return this.all.filter((r) => r.aliases.some((a) => a.toLowerCase() === alias));
  }

  /** The rule's ids of this tool. */
  idsOf(r: PeerRuleInfo): string[] {
    return r.aliases.filter((a) => a.startsWith(`${this.tool}:`)).map((a) => a.slice(this.tool.length + 1));
  }

  entry(id: string): RuleConfig {
    return (this.rules[id] ??= { options: {} });
  }

  /** Turns the rules of `checks` off, except a rule that also covers a check not in `checks`. */
  off(checks: readonly string[], why: string): void {
    const set = new Set(checks.map((c) => c.toLowerCase()));
    for (const c of checks) {
      const rules = this.rulesFor(c);
      if (!rules.length) this.notes.push(`${c}: no Shipshape rule covers it.`);
      for (const r of rules) {
        const others = this.idsOf(r).filter((x) => !set.has(x.toLowerCase()));
        if (others.length) this.notes.push(`${c} ${why}, but ${r.id} also covers ${others.join(', ')}, so it stays on.`);
        else if (this.entry(r.id).severity !== 'off') {
          this.entry(r.id).severity = 'off';
          this.notes.push(`${r.id}: off (${c} ${why}).`);
        }
      }
    }
  }

  /** Sets the severity of the rules of `check`; where two settings meet, the more severe wins. */
  severity(check: string, level: SeveritySetting, why: string): void {
    const rules = this.rulesFor(check);
    if (!rules.length) this.notes.push(`${check}: no Shipshape rule covers it.`);
    for (const r of rules) {
      const e = this.entry(r.id);
      if (e.severity !== undefined && RANK[e.severity] >= RANK[level]) continue;
      e.severity = level;
      this.notes.push(`${r.id}: ${level} (${check} ${why}).`);
    }
  }

  /** Turns a rule on: its default severity, and its `enabled` option when it opts in through one. */
  on(r: PeerRuleInfo, why: string): void {
    const e = this.entry(r.id);
    if (e.severity === 'off') return;
    if (r.options?.['enabled']?.type === 'boolean' && r.options['enabled'].default === false) {
      e.options['enabled'] = true;
      this.notes.push(`${r.id}: enabled (${why}).`);
    } else if (r.defaultEnabled === false && e.severity === undefined) {
      e.severity = r.severity;
      this.notes.push(`${r.id}: ${r.severity} (${why}).`);
    }
  }
}

function hadolint(value: Record<string, unknown>, b: Builder): void {
  b.off(strings(value['ignored']), 'is in "ignored"');
  const override = value['override'];
  if (override && typeof override === 'object' && !Array.isArray(override)) {
    for (const [level, ids] of Object.entries(override as Record<string, unknown>)) {
      const sev = HADOLINT_LEVELS[level];
      if (!sev) {
        b.notes.push(`override.${level}: not a hadolint severity (error, warning, info, style).`);
        continue;
      }
      for (const id of strings(ids)) b.severity(id, sev, `is in override.${level}`);
    }
  }
  // A label schema makes its labels required (DL3049) and typed (DL3052–DL3058); strict labels flag the others.
  const schema = value['label-schema'];
  if (schema && typeof schema === 'object' && !Array.isArray(schema)) {
    const entries = Object.entries(schema as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string');
    for (const r of b.rulesFor('DL3049')) {
      b.entry(r.id).options['requiredLabels'] = entries.map(([k]) => k);
      b.notes.push(`${r.id}: requiredLabels ${entries.map(([k]) => k).join(', ')}.`);
    }
    for (const r of b.rulesFor('DL3052')) {
      b.entry(r.id).options['labelTypes'] = entries.map(([k, t]) => `${k}=${t}`);
      b.notes.push(`${r.id}: labelTypes ${entries.map(([k, t]) => `${k}=${t}`).join(', ')}.`);
    }
  }
  if (value['strict-labels'] === true) {
    for (const r of b.rulesFor('DL3050')) {
      b.entry(r.id).options['strictLabels'] = true;
      b.notes.push(`${r.id}: strictLabels.`);
    }
  }
  const trusted = strings(value['trustedRegistries']);
  if (trusted.length) {
    for (const r of b.rulesFor('DL3026')) {
      b.entry(r.id).options['trustedRegistries'] = trusted;
      b.notes.push(`${r.id}: trustedRegistries ${trusted.join(', ')}.`);
    }
  }
}

function kubeLinter(value: Record<string, unknown>, b: Builder, all: readonly PeerRuleInfo[]): void {
  const checks = value['checks'];
  if (!checks || typeof checks !== 'object' || Array.isArray(checks)) return;
  const c = checks as Record<string, unknown>;
  const exclude = strings(c['exclude']);
  const include = strings(c['include']);
  // Exclusions win over inclusions, as in kube-linter.
  b.off(exclude, 'is excluded');
  const excluded = new Set(exclude.map((x) => x.toLowerCase()));
  const mine = all.filter((r) => b.idsOf(r).length > 0);
  if (c['addAllBuiltIn'] === true)
    for (const r of mine) if (!b.idsOf(r).some((x) => excluded.has(x.toLowerCase()))) b.on(r, 'addAllBuiltIn');
  for (const id of include) {
    if (excluded.has(id.toLowerCase())) continue;
    const rules = b.rulesFor(id);
    if (!rules.length) b.notes.push(`${id}: no Shipshape rule covers it.`);
    for (const r of rules) b.on(r, `${id} is included`);
  }
  if (c['doNotAutoAddDefaults'] === true && c['addAllBuiltIn'] !== true) {
    const included = new Set(include.map((x) => x.toLowerCase()));
    for (const r of mine) {
      if (b.idsOf(r).some((x) => included.has(x.toLowerCase())) || b.entry(r.id).severity === 'off') continue;
      b.entry(r.id).severity = 'off';
      b.notes.push(`${r.id}: off (doNotAutoAddDefaults, and none of ${b.idsOf(r).join(', ')} is included).`);
    }
  }
}

function polaris(value: Record<string, unknown>, b: Builder): void {
  const checks = value['checks'];
  if (!checks || typeof checks !== 'object' || Array.isArray(checks)) return;
  const ignored: string[] = [];
  for (const [id, level] of Object.entries(checks as Record<string, unknown>)) {
    const sev = typeof level === 'string' ? POLARIS_LEVELS[level] : undefined;
    if (!sev) b.notes.push(`${id}: "${String(level)}" is not a Polaris severity (ignore, warning, danger).`);
    else if (sev === 'off') ignored.push(id);
    else b.severity(id, sev, `is ${String(level)}`);
  }
  b.off(ignored, 'is ignored');
}

/** Translates one peer configuration file's text. A file that is not a YAML mapping gives an empty layer. */
export function translatePeerConfig(tool: PeerTool, text: string, rules: readonly PeerRuleInfo[]): PeerTranslation {
  const b = new Builder(tool, rules);
  let value: unknown;
  try {
    value = parse(text, { maxAliasCount: 100, logLevel: 'error' });
  } catch (e) {
    return { layer: { rules: {} }, notes: [`Cannot read it: ${(e as Error).message.split('\n')[0]}`] };
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    if (tool === 'hadolint') hadolint(v, b);
    else if (tool === 'kube-linter') kubeLinter(v, b, rules);
    else polaris(v, b);
  }
  // Each rule's entry ends up with its last decision; drop entries that decided nothing.
  for (const [id, e] of Object.entries(b.rules)) if (e.severity === undefined && !Object.keys(e.options).length) delete b.rules[id];
  return { layer: { rules: b.rules }, notes: b.notes };
}
