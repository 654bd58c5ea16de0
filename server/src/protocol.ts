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
