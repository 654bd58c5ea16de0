import type { ServerOptions, TransportKind } from 'vscode-languageclient/node';

/**
 * What the language server's process gets in its environment besides the editor's own.
 *
 * On Linux, glibc gives each thread that allocates its own malloc arena, up to eight per core: the
 * server's request thread, its check worker and V8's compiler and collector threads each keep
 * freed memory in theirs. With two arenas the server's peak resident memory was 15–20 MB lower on
 * a Dockerfile or manifest workspace, with edits answered as fast in lockstep (docs/performance.md).
 * Other platforms and allocators ignore the variable.
 */
export const SERVER_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' };

/** How the client starts dist/server.js (`transport` is `TransportKind.stdio`, passed in: the module loads on demand). */
export function serverOptions(serverModule: string, stdio: TransportKind): ServerOptions {
  // vscode-languageclient adds these to the editor's environment for the forked process.
  const env = { ...SERVER_ENV };
  return {
    run: { module: serverModule, transport: stdio, options: { env } },
    debug: { module: serverModule, transport: stdio, options: { env, execArgv: ['--nolazy', '--inspect=6019'] } },
  };
}
