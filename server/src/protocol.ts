/**
 * Names shared by the client and the server (the single source of the protocol between them).
 */

/** The `source` of every Shipshape diagnostic. */
export const DIAGNOSTIC_SOURCE = 'shipshape';

/** The code action kind of "fix all Shipshape findings". */
export const FIX_ALL_KIND = 'source.fixAll.shipshape';

/** What travels in `Diagnostic.data`, so a quick fix can be recomputed statelessly. */
export interface DiagnosticData {
  /** The fix's applicability: only `safe` fixes are applied by fix-all. */
  readonly fix: 'safe' | 'unsafe';
  /** What the rule's fix needs that it cannot recompute from the text. */
  readonly data?: unknown;
}

/** Notification the server sends when the workspace index changes state. */
export const INDEX_STATUS_NOTIFICATION = 'shipshape/indexStatus';

/** Payload of {@link INDEX_STATUS_NOTIFICATION}. */
export interface IndexStatus {
  readonly state: 'indexing' | 'ready';
  readonly files: number;
}

/** Client → server: whether the workspace is trusted (only then may the server run `helm`). */
export const WORKSPACE_TRUST_NOTIFICATION = 'shipshape/workspaceTrust';

/** Payload of {@link WORKSPACE_TRUST_NOTIFICATION}; also accepted as `initializationOptions`. */
export interface WorkspaceTrust {
  readonly workspaceTrusted: boolean;
}

/** Client → server: render the chart a file belongs to now; answers the rendered manifests. */
export const RENDER_CHART_REQUEST = 'shipshape/renderChart';

/** Result of {@link RENDER_CHART_REQUEST}: the output, or why there is none. */
export interface RenderChartResult {
  readonly rendered: string | undefined;
  /** Why there is no output (only meaningful when `rendered` is undefined). */
  readonly reason?: string;
  /** The chart folder the file belongs to, when it belongs to one. */
  readonly chartRoot?: string;
}

/** Client → server: build the kustomize overlay a file or folder belongs to, and lint the output. */
export const BUILD_KUSTOMIZATION_REQUEST = 'shipshape/buildKustomization';

/** One finding of a kustomize build, placed on an overlay source file. */
export interface KustomizeSourceFinding {
  readonly uri: string;
  /** Zero-based, as in LSP. */
  readonly range: { start: { line: number; character: number }; end: { line: number; character: number } };
  readonly message: string;
  /** The rule id. */
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'info' | 'hint';
}

/** Result of {@link BUILD_KUSTOMIZATION_REQUEST}: the output, or why there is none. */
export interface BuildKustomizationResult {
  /** The built manifests, or undefined when the overlay could not be built. */
  readonly output: string | undefined;
  /** The folder built. */
  readonly overlay?: string;
  /** What built it: the `kustomize` binary, `kubectl kustomize`, or Shipshape's built-in builder. */
  readonly builtWith?: 'kustomize' | 'kubectl' | 'built-in';
  /** Build problems (the binary's error, or the built-in builder's problems). */
  readonly problems: readonly string[];
  /** The manifest rules' findings on the output, mapped to the overlay's files where possible. */
  readonly findings: readonly KustomizeSourceFinding[];
  /** How many findings stayed on the output (they show on the output document). */
  readonly unmapped: number;
}
