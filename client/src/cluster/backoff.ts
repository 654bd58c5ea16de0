/**
 * Retry delays shared by watches and log follows: exponential, capped, with jitter so that many
 * clients that failed together (an API server restart) do not come back together.
 */

/** How retries are spaced. */
export interface BackoffOptions {
  /** The first delay (ms). */
  baseMs: number;
  /** The longest delay (ms). */
  maxMs: number;
  /** A number in [0, 1) (default `Math.random`); tests pass a fixed one. */
  random?: () => number;
}

/**
 * The delay before retry number `attempt` (0-based): `base · 2^attempt`, capped at `max`, then
 * scaled into [½, 1] of that ("equal jitter", so a delay never collapses to zero).
 */
export function backoffDelay(attempt: number, opts: BackoffOptions): number {
  const ceiling = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.min(Math.max(attempt, 0), 30));
  const r = (opts.random ?? Math.random)();
  return Math.round(ceiling / 2 + (ceiling / 2) * r);
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done);
  });
}
