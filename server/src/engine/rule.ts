import type { ComposeDocument } from '../compose/model';
import type { DockerfileDocument } from '../parse/dockerfile';
import type { YamlDocument } from '../parse/yaml';
import type { LineIndex } from './text';
import type { ExternalTool } from './tools';
import type { Applicability, DocumentKind, Finding, Fix, RuleOption, RuleSettings, Severity } from './types';
import type { WorkspaceView } from './workspace';

/** A document the engine does not parse further (templates, schemas, ignore files). */
export interface PlainDocument<K extends DocumentKind> {
  readonly kind: K;
  readonly text: string;
  readonly lines: LineIndex;
}

/** The parsed form the engine hands to rules of each document kind. */
export interface ParsedByKind {
  dockerfile: DockerfileDocument;
  dockerignore: PlainDocument<'dockerignore'>;
  manifest: YamlDocument;
  kustomization: YamlDocument;
  'helm-chart': YamlDocument;
  'helm-values': YamlDocument;
  'helm-schema': PlainDocument<'helm-schema'>;
  'helm-template': PlainDocument<'helm-template'>;
  'shipshape-config': YamlDocument;
  /** `.hadolint.yaml`, `.kube-linter.yaml` or a Polaris configuration, which Shipshape applies. */
  'peer-config': PlainDocument<'peer-config'>;
  /** A Docker Compose file: its YAML and the model of its services. */
  compose: ComposeDocument;
  other: PlainDocument<'other'>;
}

/** A parsed document of any kind. */
export type ParsedDocument = ParsedByKind[DocumentKind];

/** Everything a rule may look at. Read-only: rules never mutate documents or the index. */
export interface RuleContext<K extends DocumentKind = DocumentKind> {
  /** The document's URI (`file://…` for files, anything for unsaved buffers). */
  readonly uri: string;
  /** The file system path, when the document is a file. */
  readonly path: string | undefined;
  /** The folder of the Helm chart the document belongs to, if any. */
  readonly chartRoot: string | undefined;
  readonly doc: ParsedByKind[K];
  readonly settings: RuleSettings;
  readonly workspace: WorkspaceView;
}

/**
 * What every rule declares: metadata plus a pure check and an optional fix. See CONTRIBUTING.md for the recipe.
 * `aliases` are namespaced by tool (`hadolint:DL3007`, `kube-linter:latest-tag`, `polaris:…`,
 * `kube-score:…`, `checkov:…`) so each tool's suppressions only match its own ids.
 */
export interface RuleBase<K extends DocumentKind = DocumentKind> {
  /** `<domain>/<kebab-name>`, e.g. `dockerfile/image-latest-tag`. */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly appliesTo: readonly K[];
  /** Markdown: what the rule catches and why it matters. */
  readonly docs: string;
  /** One sentence: what to do about a finding. */
  readonly remediation: string;
  readonly aliases: readonly string[];
  readonly options?: Readonly<Record<string, RuleOption>>;
  /** Skipped on files above the size limit. */
  readonly expensive?: boolean;
  /** `false` for opt-in rules: they run only when the configuration gives them a severity. */
  readonly defaultEnabled?: boolean;
  /**
   * An external program the rule runs. The engine skips the rule when the program is not on PATH
   * or when the workspace is not trusted (`LintEnvironment.trusted === false`).
   */
  readonly requires?: ExternalTool;
  check(ctx: RuleContext<K>): Finding[];
}

/** A rule without a fix. */
export interface WithoutFix {
  readonly fix?: undefined;
  readonly fixApplicability?: undefined;
}

/** A rule with a fix: the fix always says whether applying it unread keeps behaviour. */
export interface WithFix<K extends DocumentKind = DocumentKind> {
  /** Recomputes the edit from the current text and `finding.data`; undefined when stale or not valid here. */
  fix(ctx: RuleContext<K>, finding: Finding): Fix | undefined;
  /**
   * `safe` when the fix keeps behaviour wherever it is offered (bulk fixes apply it), `unsafe` when
   * it can change what a build or a cluster does (only `--unsafe-fixes` and the quick-fix menu
   * apply it). Declared, not computed, so docs and `rules --format json` show it without running it.
   */
  readonly fixApplicability: Applicability;
}

/**
 * A rule: metadata plus a pure check and an optional fix. See CONTRIBUTING.md for the recipe.
 * A rule with a `fix` must declare its `fixApplicability`.
 */
export type Rule<K extends DocumentKind = DocumentKind> = RuleBase<K> & (WithoutFix | WithFix<K>);

/** Identity helper that keeps the rule's document kind in its type. */
export function defineRule<K extends DocumentKind>(rule: Rule<K>): Rule<K> {
  return rule;
}

/** Metadata of findings the engine itself emits (they have docs pages like rules). */
export interface EngineRuleInfo {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly docs: string;
  readonly remediation: string;
}
