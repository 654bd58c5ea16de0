/**
 * Names shared by the client and the server (the single source of the protocol between them).
 */

/** The `source` of every Shipshape diagnostic. */
export const DIAGNOSTIC_SOURCE = 'shipshape';

/** The code action kind of "fix all Shipshape findings". */
export const FIX_ALL_KIND = 'source.fixAll.shipshape';

/** What travels in `Diagnostic.data`, so a quick fix can be recomputed statelessly. */
export interface DiagnosticData {
  readonly ruleId: string;
  readonly data?: unknown;
  readonly fixable: boolean;
}

/** Notification the server sends when the workspace index changes state. */
export const INDEX_STATUS_NOTIFICATION = 'shipshape/indexStatus';

/** Payload of {@link INDEX_STATUS_NOTIFICATION}. */
export interface IndexStatus {
  readonly state: 'indexing' | 'ready';
  readonly files: number;
}
