/**
 * Cluster failures as messages a person can act on: what is wrong and what to do. The explorer
 * shows a {@link ClusterProblem} as a tree node; nothing here ever carries a token or a Secret value.
 */

/** What kind of failure (decides the icon and the suggested action). */
export type ProblemKind =
  | 'no-kubeconfig'
  | 'kubeconfig-invalid'
  | 'no-context'
  | 'unreachable'
  | 'timeout'
  | 'tls'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'gone'
  | 'throttled'
  | 'server-error'
  | 'exec-plugin'
  | 'pod-not-running'
  | 'port-in-use'
  | 'bad-request'
  | 'unknown';

/** A failure explained: `message` says what is wrong, `hint` what to do. */
export interface ClusterProblem {
  kind: ProblemKind;
  message: string;
  hint: string;
  /** HTTP status when the API server answered. */
  status?: number;
}

/** An API server answer other than 2xx, with the server's own `Status` message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly reason?: string,
    /** Seconds from `Retry-After`, when given. */
    readonly retryAfter?: number,
    /** The `Status` body's `details.causes` (e.g. the PodDisruptionBudget that refused an eviction). */
    readonly causes?: { reason?: string; message?: string; field?: string }[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A request that got no answer in time. */
export class TimeoutError extends Error {
  constructor(
    readonly url: string,
    readonly ms: number,
  ) {
    super(`no answer from ${url} within ${ms / 1000} s`);
    this.name = 'TimeoutError';
  }
}

/** Thrown by Shipshape code that already knows the user-facing explanation. */
export class ProblemError extends Error {
  constructor(readonly problem: ClusterProblem) {
    super(problem.message);
    this.name = 'ProblemError';
  }
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE', 'ENETDOWN']);
const TLS = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

/** Key names whose values are credentials, in messages (`password: …`, `"client-secret": "…"`, `api_key=…`). */
const SECRET_KEY =
  /(\b(?:[\w-]{0,40}(?:token|passw(?:or)?d|pwd|secret|api[-_]?key|access[-_]?key|private[-_]?key|client-key-data|client-certificate-data|credentials?))["']?\s*[:=]\s*["']?)[^\s"',;}&]+/gi;

/**
 * Removes anything that looks like a credential from text shown to the user or logged: bearer and
 * basic authorization, values of secret-looking keys, bare JWTs, PEM blocks and passwords in URLs.
 * Every pattern here runs in linear time.
 */
export function redact(text: string): string {
  return text
    .replace(/-----BEGIN ([A-Z0-9 ]{1,64})-----[^-]*(?:-----END [A-Z0-9 ]{1,64}-----)?/g, '-----BEGIN $1----- <redacted>')
    .replace(/\b(Bearer|Basic)(\s+)[A-Za-z0-9._~+/=-]+/gi, '$1$2<redacted>')
    .replace(/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, '<redacted-jwt>')
    .replace(/\b([a-z][a-z0-9+.-]{0,31}:\/\/[^/\s:@]{1,256}:)[^@\s/]{1,1024}@/gi, '$1<redacted>@')
    .replace(SECRET_KEY, '$1<redacted>');
}

/** Turns any error from a cluster call into a {@link ClusterProblem}; `server` names the API server. */
export function toProblem(err: unknown, server?: string): ClusterProblem {
  if (err instanceof ProblemError) return err.problem;
  const where = server ? ` (${server})` : '';
  if (err instanceof TimeoutError) {
    return {
      kind: 'timeout',
      message: `The API server${where} did not answer within ${err.ms / 1000} s.`,
      hint: 'Check the VPN or network, or raise shipshape.cluster.requestTimeout.',
    };
  }
  if (err instanceof ApiError) {
    const m = redact(err.message);
    switch (err.status) {
      case 401:
        return {
          kind: 'unauthorized',
          status: 401,
          message: `The API server${where} rejected the credentials (401 Unauthorized).`,
          hint: 'The token or certificate has expired or is wrong: log in again (e.g. refresh your cloud credentials) and reload.',
        };
      case 403:
        return {
          kind: 'forbidden',
          status: 403,
          message: `Forbidden: ${m}`,
          hint: 'Your user lacks this permission (RBAC); ask a cluster admin or use another context.',
        };
      case 404:
        return { kind: 'not-found', status: 404, message: `Not found: ${m}`, hint: 'It may have been deleted; refresh.' };
      case 410:
        return { kind: 'gone', status: 410, message: `Expired: ${m}`, hint: 'Refresh to list again.' };
      case 429:
        return {
          kind: 'throttled',
          status: 429,
          message: `The API server${where} is throttling requests (429).`,
          hint: 'Shipshape retries automatically; wait a moment.',
        };
      case 400:
        return { kind: 'bad-request', status: 400, message: m, hint: 'Check the target and options.' };
      default:
        if (err.status >= 500) {
          return {
            kind: 'server-error',
            status: err.status,
            message: `The API server${where} failed (${err.status}): ${m}`,
            hint: 'Retrying; if it persists, check the cluster health.',
          };
        }
        return { kind: 'unknown', status: err.status, message: `${err.status}: ${m}`, hint: 'Refresh to try again.' };
    }
  }
  const e = err as { code?: unknown; message?: unknown } | undefined;
  const code = typeof e?.code === 'string' ? e.code : undefined;
  const msg = redact(typeof e?.message === 'string' ? e.message : String(err));
  if (code && UNREACHABLE.has(code)) {
    return {
      kind: 'unreachable',
      message: `Cannot reach the API server${where}: ${code}.`,
      hint: 'Is the cluster running and the VPN connected? Check the server address in the kubeconfig.',
    };
  }
  if ((code && TLS.has(code)) || /certificate|self[- ]signed|TLS/i.test(msg)) {
    return {
      kind: 'tls',
      message: `The API server's certificate${where} is not trusted: ${msg}`,
      hint: 'Update certificate-authority(-data) in the kubeconfig; do not disable verification.',
    };
  }
  const ws = /Unexpected server response: (\d{3})/.exec(msg);
  if (ws) return toProblem(new ApiError(Number(ws[1]), msg), server);
  if (/exec|credential plugin|getting credentials|ENOENT.*(kubelogin|gke-gcloud-auth-plugin|aws)/i.test(msg)) {
    return {
      kind: 'exec-plugin',
      message: `The kubeconfig's credential plugin failed: ${msg}`,
      hint: 'Install the plugin named in the kubeconfig (e.g. kubelogin, gke-gcloud-auth-plugin, aws) and make sure it is on PATH.',
    };
  }
  return { kind: 'unknown', message: msg, hint: 'Refresh to try again.' };
}
