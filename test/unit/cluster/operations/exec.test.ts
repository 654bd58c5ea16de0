import * as assert from 'node:assert/strict';
import { ProblemError } from '../../../../client/src/cluster/errors';
import { ExecSession, openShell, shellCandidates, type ExecExit } from '../../../../client/src/cluster/operations/exec';
import type { ExecContext } from '../../../kube-api-server/server';
import { pod, useCluster } from '../env';

/** A container image with only `sh`: a prompt, echo of each line, `exit`; resizes are reported. */
function shOnly(resizes: unknown[]): (ctx: ExecContext) => void {
  return (ctx) => {
    if (ctx.command[0] !== 'sh') {
      return ctx.fail(
        `OCI runtime exec failed: exec failed: unable to start container process: exec: "${ctx.command[0]}": executable file not found in $PATH: unknown`,
      );
    }
    ctx.resize.on('resize', (r: unknown) => resizes.push(r));
    ctx.stdout('$ ');
    let line = '';
    ctx.stdin.on('data', (d: Buffer) => {
      line += d.toString();
      if (!line.endsWith('\r')) return;
      const cmd = line.trim();
      line = '';
      if (cmd === 'exit') return ctx.exit(0);
      if (cmd === 'false') return ctx.exit(1);
      ctx.stdout(`you said ${cmd}\r\n$ `);
    });
  };
}

function collect(session: ExecSession): { text: () => string; until: (s: string) => Promise<void> } {
  let out = '';
  const waiters: { s: string; resolve: () => void }[] = [];
  session.on('stdout', (d: Buffer) => {
    out += d.toString();
    for (const w of [...waiters]) {
      if (!out.includes(w.s)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  return {
    text: () => out,
    until: (s) => (out.includes(s) ? Promise.resolve() : new Promise((resolve) => waiters.push({ s, resolve }))),
  };
}

describe('cluster/operations/exec', () => {
  const cluster = useCluster();
  beforeEach(() => cluster.server.put(pod('web', { containers: ['app', 'sidecar'] })));

  it('falls back from bash to sh, round-trips input and output, sends resizes, reports the exit', async () => {
    const resizes: unknown[] = [];
    cluster.server.execHandler = shOnly(resizes);
    const { session, shell, initial } = await openShell(
      cluster.api,
      { namespace: 'default', pod: 'web', container: 'sidecar' },
      shellCandidates(''),
      {
        columns: 120,
        rows: 40,
      },
    );
    assert.equal(shell, 'sh');
    assert.equal(Buffer.concat(initial).toString(), '$ ');
    const execs = cluster.server.requests.filter((r) => r.path.endsWith('/pods/web/exec'));
    assert.deepEqual(
      execs.map((r) => [r.query.getAll('command'), r.query.get('container'), r.query.get('tty'), r.query.get('stdin')]),
      [
        [['bash'], 'sidecar', 'true', 'true'],
        [['sh'], 'sidecar', 'true', 'true'],
      ],
    );
    const out = collect(session);
    session.write('hello\r');
    await out.until('you said hello');
    session.resize(100, 30);
    session.write('exit\r');
    const exit: ExecExit = await session.done;
    assert.deepEqual(exit, { code: 0 });
    assert.deepEqual(resizes, [
      { Width: 120, Height: 40 },
      { Width: 100, Height: 30 },
    ]);
  });

  it('a non-zero exit carries its code', async () => {
    cluster.server.execHandler = shOnly([]);
    const { session } = await openShell(cluster.api, { namespace: 'default', pod: 'web' }, ['sh']);
    session.write('false\r');
    const exit = await session.done;
    assert.equal(exit.code, 1);
  });

  it('the configured shell comes first', () => {
    assert.deepEqual(shellCandidates('zsh'), ['zsh', 'bash', 'sh']);
    assert.deepEqual(shellCandidates(' sh '), ['sh', 'bash']);
    assert.deepEqual(shellCandidates(undefined), ['bash', 'sh']);
  });

  it('an image without any shell gets one clear message', async () => {
    // The default fake container has no interactive shell at all.
    const err = await openShell(cluster.api, { namespace: 'default', pod: 'web', container: 'app' }, ['bash', 'sh']).then(
      () => assert.fail('expected no shell'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof ProblemError);
    assert.equal(err.problem.message, 'No shell in web/app: tried bash, sh; the image has none (e.g. distroless or scratch).');
    assert.match(err.problem.hint, /shipshape\.exec\.shell/);
  });

  it('a pod that is not running is a problem, not a hang', async () => {
    cluster.server.put(pod('pending', { status: { phase: 'Pending' } }));
    await assert.rejects(
      openShell(cluster.api, { namespace: 'default', pod: 'pending' }, ['sh']),
      (e: unknown) => e instanceof ProblemError && /not running/.test(e.problem.message),
    );
  });
});
