/**
 * The vocabulary shared by the rule engine, the rules, the language server and the CLI.
 * Nothing here imports an LSP or VS Code module: rules stay plain code.
 */

/** Severity of a finding, as shown to the user. */
export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** What a user may set a rule to, in settings or `.shipshape.yaml`. */
export type SeveritySetting = Severity | 'off';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/** Zero-based line and UTF-16 character, as in LSP. */
export interface Position {
  line: number;
  character: number;
}

/** A half-open text range, as in LSP. */
export interface Range {
  start: Position;
  end: Position;
}

/** A replacement of `range` by `newText` in the document being fixed. */
export interface TextEdit {
  range: Range;
  newText: string;
}

/**
 * Whether applying a fix keeps what the file does. `safe`: it keeps behaviour, so a bulk action
 * (`--fix`, fix-all on save) may apply it unread. `unsafe`: it changes what a build, an image or a
 * cluster does (a new user, a new probe, a dropped flag), so a person must look at it; only
 * `--unsafe-fixes` and the quick-fix menu apply it.
 */
export type Applicability = 'safe' | 'unsafe';

/** A quick fix: a title and the edits to the linted document. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /**
   * Set by a fix that is unsafe in this instance although its rule declares `safe` (a fix can
   * only lower its rule's applicability, never raise it). The engine fills in the effective value.
   */
  applicability?: Applicability;
}

/** Another place a finding is about (LSP `relatedInformation`, SARIF `relatedLocations`). */
export interface RelatedLocation {
  /** The document's URI (`file://…`). */
  readonly uri: string;
  readonly range: Range;
  /** What that place holds, e.g. `the Deployment "web" sets no readinessProbe`. */
  readonly message: string;
}

/** What a rule reports; the engine adds the rule id and the effective severity. */
export interface Finding {
  message: string;
  range: Range;
  /** Overrides the rule's default severity for this one finding (still subject to config). */
  severity?: Severity;
  /** JSON-serialisable facts the rule's `fix` needs; travels in `Diagnostic.data`. */
  data?: unknown;
  /** Other places the finding is about, in this or another file. */
  related?: readonly RelatedLocation[];
}

/** A finding after the engine has resolved its rule, severity and fixability. */
export interface ResolvedFinding extends Finding {
  ruleId: string;
  severity: Severity;
  fixable: boolean;
  /** The rule's fix applicability, when it has a fix (`fixable`). */
  fix?: Applicability;
}

/** The kinds of file Shipshape understands; everything else is `other` and gets no findings. */
export type DocumentKind =
  | 'dockerfile'
  | 'dockerignore'
  | 'manifest'
  | 'kustomization'
  | 'helm-chart'
  | 'helm-values'
  | 'helm-schema'
  | 'helm-template'
  | 'shipshape-config'
  | 'peer-config'
  | 'compose'
  | 'other';

/** A JSON Schema-ish description of one rule option (used for docs and settings). */
export interface RuleOption {
  type: 'string' | 'number' | 'boolean' | 'string[]';
  default: unknown;
  description: string;
}

/** Read-only view of the rule-relevant configuration for one document. */
export interface RuleSettings {
  /** Target Kubernetes minor version, e.g. "1.33". */
  kubernetesVersion: string;
  /** The option value for the running rule (or its declared default). */
  option<T>(name: string): T;
}
