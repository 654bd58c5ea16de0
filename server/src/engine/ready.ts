import { shellReady } from '../dockerfile/shell';
import type { DocumentKind } from './types';

/** A parser that loads asynchronously, and the document kinds whose rules need it. */
export interface ParserLoader {
  /** What the user reads in the failure message ("the shell parser (tree-sitter-bash)"). */
  readonly name: string;
  readonly kinds: readonly DocumentKind[];
  /** Resolves when the parser is usable; rejects with the reason it is not. */
  load(): Promise<void>;
}

/** Every parser the engine needs loaded before it checks anything. */
export const PARSERS: readonly ParserLoader[] = [
  { name: 'the shell parser (tree-sitter-bash)', kinds: ['dockerfile'], load: () => shellReady },
];

/** A parser that could not be loaded, with the reason. */
export interface ParserFailure {
  readonly name: string;
  readonly kinds: readonly DocumentKind[];
  readonly message: string;
}

let loaded: Promise<EngineReady> | undefined;

/**
 * Proof that every parser was awaited: `lint` takes one, and the only way to get one is
 * {@link EngineReady.load}. A parser that failed is listed in `failures`; the engine reports it as
 * an internal error on each document of a kind that needs it.
 */
export class EngineReady {
  private constructor(readonly failures: readonly ParserFailure[]) {}

  /** Awaits every parser (`loaders` replaces {@link PARSERS}, for tests of a failure). */
  static load(loaders?: readonly ParserLoader[]): Promise<EngineReady> {
    if (loaders) return EngineReady.settle(loaders);
    return (loaded ??= EngineReady.settle(PARSERS));
  }

  private static async settle(loaders: readonly ParserLoader[]): Promise<EngineReady> {
    const results = await Promise.allSettled(loaders.map((l) => l.load()));
    const failures: ParserFailure[] = [];
    results.forEach((r, i) => {
      if (r.status === 'fulfilled') return;
      const reason: unknown = r.reason;
      failures.push({
        name: loaders[i]!.name,
        kinds: loaders[i]!.kinds,
        message: reason instanceof Error ? reason.message : String(reason),
      });
    });
    return new EngineReady(failures);
  }

  /** The failed parsers a document kind needs. */
  failuresFor(kind: DocumentKind): readonly ParserFailure[] {
    return this.failures.length ? this.failures.filter((f) => f.kinds.includes(kind)) : [];
  }
}
