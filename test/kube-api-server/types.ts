/** Shapes shared by the Kubernetes API test server's parts. */

/** A stored object: plain JSON as the API server would return it. */
export interface KObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    creationTimestamp?: string;
    deletionTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean }[];
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** One served resource type (what discovery lists). */
export interface ResourceType {
  group: string;
  version: string;
  kind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  subresources?: string[];
}

/** What a fault does to the request it matches. */
export type FaultAction =
  /** Answer with this HTTP status and a `Status` body (`retryAfter` sets `Retry-After`, in seconds). */
  | { kind: 'status'; code: number; message?: string; reason?: string; retryAfter?: number }
  /**
   * Send this many lines (log lines or watch events) of the stream, then destroy the connection.
   * For logs a fraction cuts mid-line: 2.5 sends two lines and the first half of the third.
   * `reset` cuts with a TCP reset (what was not yet flushed is lost) instead of an orderly close.
   */
  | { kind: 'drop'; afterLines: number; reset?: boolean }
  /** Hold the request this many ms before serving it. */
  | { kind: 'delay'; ms: number }
  /** Never answer (the client's timeout must fire). */
  | { kind: 'hang' }
  /** Answer with this raw body instead (a proxy's error page, a truncated object); `stall` never ends the answer. */
  | { kind: 'body'; code: number; body: string; contentType?: string; stall?: boolean };

/** A fault: which requests it applies to and how many times. */
export interface Fault {
  /** Matched against `METHOD path?query`, e.g. /^GET \/api\/v1\/namespaces\/default\/pods\/web\/log/. */
  match: RegExp;
  action: FaultAction;
  /** How many matching requests it applies to (default 1; Infinity for all). */
  times?: number;
}
