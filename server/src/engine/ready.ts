import { loadShell } from '../dockerfile/shell';
import { SCHEMAS_NAME, loadBundle } from '../k8s/schema/model';
import { noteLoad } from './loads';
import type { DocumentKind } from './types';

/** A parser (or data set) that loads on first need, and the document kinds whose rules need it. */
export interface ParserLoader {
  /** What the user reads in the failure message ("the shell parser (tree-sitter-bash)"). */
  readonly name: string;
  readonly kinds: readonly DocumentKind[];
  /** Resolves when the parser is usable; rejects with the reason it is not. */
  load(): Promise<void>;
  /** Loads it at once, throwing the reason it cannot be; for parsers that can (data read with `require`). */
  loadSync?(): void;
}

/** Every parser the engine needs loaded before it checks a document of one of its kinds. */
export const PARSERS: readonly ParserLoader[] = [
  { name: 'the shell parser (tree-sitter-bash)', kinds: ['dockerfile'], load: loadShell },
  // Read synchronously on first use anyway; loading it here makes a failure a finding on each manifest.
  { name: SCHEMAS_NAME, kinds: ['manifest'], load: async () => void loadBundle(), loadSync: () => void loadBundle() },
];

/** A parser that could not be loaded, with the reason. */
export interface ParserFailure {
  readonly name: string;
  readonly kinds: readonly DocumentKind[];
  readonly message: string;
}

let loaded: Promise<EngineReady> | undefined;

/**
 * Proof that the parsers a document needs were awaited: `lint` takes one, and the ways to get one
 * are {@link EngineReady.load} (every parser, up front: the CLI and tests) and
 * {@link EngineReady.lazy} (each parser on the first {@link prepare} of a kind that needs it: the
 * language server, whose isolates then hold only what the workspace's kinds use). A parser that
 * failed is listed in `failures`; the engine reports it as an internal error on each document of a
 * kind that needs it. Linting a kind whose parsers were not prepared throws.
 */
export class EngineReady {
  private readonly pending = new Map<ParserLoader, Promise<void>>();
  private readonly settled = new Set<ParserLoader>();
  private readonly failed: ParserFailure[] = [];

  private constructor(private readonly loaders: readonly ParserLoader[]) {}

  /** Awaits every parser (`loaders` replaces {@link PARSERS}, for tests of a failure). */
  static load(loaders?: readonly ParserLoader[]): Promise<EngineReady> {
    if (loaders) return EngineReady.settleAll(loaders);
    return (loaded ??= EngineReady.settleAll(PARSERS));
  }

  /** An engine that loads nothing until {@link prepare} asks for a kind. */
  static lazy(loaders: readonly ParserLoader[] = PARSERS): EngineReady {
    return new EngineReady(loaders);
  }

  private static async settleAll(loaders: readonly ParserLoader[]): Promise<EngineReady> {
    const ready = new EngineReady(loaders);
    await Promise.all(loaders.map((l) => ready.settle(l)));
    return ready;
  }

  /** The parsers that failed so far. */
  get failures(): readonly ParserFailure[] {
    return this.failed;
  }

  private settle(l: ParserLoader): Promise<void> {
    let p = this.pending.get(l);
    if (!p) {
      p = l.load().then(
        () => this.done(l),
        (reason: unknown) => this.done(l, reason),
      );
      this.pending.set(l, p);
    }
    return p;
  }

  private done(l: ParserLoader, ...failure: [unknown?]): void {
    this.settled.add(l);
    if (failure.length === 0) {
      noteLoad({ name: l.name });
      return;
    }
    const reason = failure[0];
    const message = reason instanceof Error ? reason.message : String(reason);
    this.failed.push({ name: l.name, kinds: l.kinds, message });
    noteLoad({ name: l.name, error: message });
  }

  /**
   * Loads the parsers a kind needs (each once); resolves when they have loaded or failed, or
   * returns undefined at once when they already have (no turn of the event loop per check).
   */
  prepare(kind: DocumentKind): Promise<void> | undefined {
    let wait: Promise<void>[] | undefined;
    for (const l of this.loaders) {
      if (this.settled.has(l) || !l.kinds.includes(kind)) continue;
      (wait ??= []).push(this.settle(l));
    }
    return wait && Promise.all(wait).then(() => undefined);
  }

  /**
   * The failed parsers a document kind needs. A parser not awaited yet is loaded here when it can
   * load synchronously; otherwise this throws (a check never runs with a parser silently missing).
   */
  failuresFor(kind: DocumentKind): readonly ParserFailure[] {
    for (const l of this.loaders) {
      if (this.settled.has(l) || !l.kinds.includes(kind)) continue;
      if (!l.loadSync) throw new Error(`${l.name} was used before it was loaded: prepare the engine for ${kind} files first.`);
      try {
        l.loadSync();
        this.done(l);
      } catch (e) {
        this.done(l, e);
      }
      this.pending.set(l, Promise.resolve());
    }
    return this.failed.length ? this.failed.filter((f) => f.kinds.includes(kind)) : [];
  }
}
