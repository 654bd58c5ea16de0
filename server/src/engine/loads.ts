/**
 * What the engine loaded on first need in this isolate (a parser, the Kubernetes schemas), in
 * order, with the reason when a load failed. The language server logs each one, so what a
 * workspace costs in memory can be read in the output channel.
 */

/** One load, or one failed load. */
export interface LoadEvent {
  /** What the user reads ("the shell parser (tree-sitter-bash)"). */
  readonly name: string;
  /** Why the load failed; absent when it succeeded. */
  readonly error?: string;
}

const events: LoadEvent[] = [];
const listeners = new Set<(e: LoadEvent) => void>();

/** Records a load and tells the listeners; the same load (or failure) a second time is not news. */
export function noteLoad(e: LoadEvent): void {
  if (events.some((k) => k.name === e.name && k.error === e.error)) return;
  events.push(e);
  for (const l of listeners) l(e);
}

/** Every load so far in this isolate. */
export function loadsSoFar(): readonly LoadEvent[] {
  return events;
}

/** Calls `listener` on each later load; returns the function that stops it. */
export function onLoad(listener: (e: LoadEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
