/**
 * A shell in a container over the WebSocket exec protocol (`v5.channel.k8s.io`/`v4`): channel 0
 * stdin, 1 stdout, 2 stderr, 3 the final `Status`, 4 terminal resize (`{"Width","Height"}`); v5
 * closes stdin with channel 255. Shells are tried in order (the setting, then bash, then sh): a
 * shell that is not in the image fails at once with "executable file not found", and the next
 * is tried; an image with none gets one clear message.
 */
import { EventEmitter } from 'node:events';
import type WebSocket from 'ws';
import type { ApiClient } from '../api';
import { ApiError, ProblemError, toProblem } from '../errors';

/** The container to exec in. */
export interface ExecTarget {
  namespace: string;
  pod: string;
  container?: string;
}

/** How an exec ended. */
export interface ExecExit {
  /** The exit code (0 on Success; from the Status causes otherwise; undefined when unknown). */
  code?: number;
  /** The Status message on failure. */
  message?: string;
}

const NOT_FOUND = /executable file not found|no such file or directory|not found in \$PATH|exec format error/i;

/** The shells to try: the configured one, then bash, then sh (no duplicates, none empty). */
export function shellCandidates(configured: string | undefined): string[] {
  return [...new Set([configured?.trim(), 'bash', 'sh'].filter((s): s is string => !!s))];
}

/** Parses the channel-3 Status into an exit. */
export function exitFromStatus(text: string): ExecExit {
  try {
    const st = JSON.parse(text) as { status?: string; message?: string; details?: { causes?: { reason?: string; message?: string }[] } };
    if (st.status === 'Success') return { code: 0 };
    const code = st.details?.causes?.find((c) => c.reason === 'ExitCode')?.message;
    return { code: code !== undefined ? Number(code) : undefined, message: st.message };
  } catch {
    return { message: text };
  }
}

/**
 * One exec stream. Events: `stdout` (Buffer), `stderr` (Buffer), `exit` (ExecExit, once; the
 * socket closing without a Status is an exit with a message).
 */
export class ExecSession extends EventEmitter {
  private exited = false;
  /** Resolves with the exit. */
  readonly done: Promise<ExecExit>;

  private constructor(
    private readonly ws: WebSocket,
    readonly command: string[],
  ) {
    super();
    this.done = new Promise((resolve) => this.once('exit', resolve));
    ws.on('message', (raw: Buffer) => {
      if (raw.length < 1) return;
      const data = raw.subarray(1);
      switch (raw[0]) {
        case 1:
          this.emit('stdout', data);
          break;
        case 2:
          this.emit('stderr', data);
          break;
        case 3:
          this.finish(exitFromStatus(data.toString('utf8')));
          break;
      }
    });
    ws.on('close', () => this.finish({ message: 'the connection closed' }));
    ws.on('error', (e) => this.finish({ message: e.message }));
  }

  /** Opens the exec; resolves once the WebSocket is open. */
  static async open(
    api: ApiClient,
    target: ExecTarget,
    command: string[],
    opts: { tty?: boolean; stdin?: boolean } = {},
  ): Promise<ExecSession> {
    const q = new URLSearchParams();
    for (const c of command) q.append('command', c);
    if (target.container) q.set('container', target.container);
    q.set('stdout', 'true');
    q.set('stderr', String(!opts.tty));
    q.set('stdin', String(opts.stdin ?? true));
    q.set('tty', String(opts.tty ?? true));
    const path = `/api/v1/namespaces/${encodeURIComponent(target.namespace)}/pods/${encodeURIComponent(target.pod)}/exec?${q.toString()}`;
    const ws = await api.websocket(path, ['v5.channel.k8s.io', 'v4.channel.k8s.io']);
    return new ExecSession(ws, command);
  }

  /** Whether the process has ended. */
  get ended(): boolean {
    return this.exited;
  }

  /** Sends input to the process. */
  write(data: string | Buffer): void {
    this.send(0, Buffer.from(data));
  }

  /** Tells the process the terminal's size. */
  resize(columns: number, rows: number): void {
    this.send(4, Buffer.from(JSON.stringify({ Width: columns, Height: rows })));
  }

  /** Closes stdin (v5 only; v4 has no way to say it, so the socket closes instead). */
  endInput(): void {
    if (this.ws.protocol === 'v5.channel.k8s.io') this.send(255, Buffer.from([0]));
    else this.close();
  }

  /** Ends the session. */
  close(): void {
    this.ws.close(1000);
  }

  private send(channel: number, data: Buffer): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(Buffer.concat([Buffer.from([channel]), data]));
  }

  private finish(exit: ExecExit): void {
    if (this.exited) return;
    this.exited = true;
    this.emit('exit', exit);
    if (this.ws.readyState === this.ws.OPEN) this.ws.close(1000);
  }
}

/** What {@link openShell} returns: the session, the shell that started, and its first output. */
export interface ShellSession {
  session: ExecSession;
  shell: string;
  /** Output that arrived while deciding the shell had started (to show first). */
  initial: Buffer[];
}

/**
 * Starts the first shell that exists in the container. A shell counts as started when it writes
 * anything, or when `settleMs` passes without it failing. Throws a {@link ProblemError} when none exists.
 */
export async function openShell(
  api: ApiClient,
  target: ExecTarget,
  shells: readonly string[],
  opts: { columns?: number; rows?: number; settleMs?: number } = {},
): Promise<ShellSession> {
  const tried: string[] = [];
  for (const shell of shells) {
    tried.push(shell);
    let session: ExecSession;
    try {
      session = await ExecSession.open(api, target, [shell], { tty: true, stdin: true });
    } catch (e) {
      // An upgrade refused with a "not found" message is a missing binary too (some runtimes say so there).
      if (e instanceof ApiError && NOT_FOUND.test(e.message)) continue;
      throw new ProblemError(toProblem(e, api.server));
    }
    if (opts.columns && opts.rows) session.resize(opts.columns, opts.rows);
    const initial: Buffer[] = [];
    const outcome = await new Promise<'started' | ExecExit>((resolve) => {
      const timer = setTimeout(() => resolve('started'), opts.settleMs ?? 1500);
      const onData = (d: Buffer): void => {
        initial.push(d);
        clearTimeout(timer);
        resolve('started');
      };
      session.once('stdout', onData);
      session.once('stderr', onData);
      session.once('exit', (x: ExecExit) => {
        clearTimeout(timer);
        resolve(x);
      });
    });
    session.removeAllListeners('stdout');
    session.removeAllListeners('stderr');
    if (outcome === 'started') return { session, shell, initial };
    if (outcome.message && NOT_FOUND.test(outcome.message)) continue;
    throw new ProblemError({
      kind: 'unknown',
      message: `The shell ${shell} in ${target.pod}${target.container ? `/${target.container}` : ''} ended at once: ${outcome.message ?? `exit ${outcome.code ?? '?'}`}`,
      hint: 'Check the container is running; try another shell with shipshape.exec.shell.',
    });
  }
  throw new ProblemError({
    kind: 'not-found',
    message: `No shell in ${target.pod}${target.container ? `/${target.container}` : ''}: tried ${tried.join(', ')}; the image has none (e.g. distroless or scratch).`,
    hint: 'Set shipshape.exec.shell to a shell the image has, or debug with an ephemeral container (kubectl debug -it --image=busybox --target=<container>).',
  });
}
