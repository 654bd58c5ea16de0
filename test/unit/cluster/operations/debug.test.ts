import * as assert from 'node:assert/strict';
import { ApiError, ProblemError } from '../../../../client/src/cluster/errors';
import {
  addDebugContainer,
  debugContainerName,
  ephemeralState,
  waitForEphemeral,
  type EphemeralState,
} from '../../../../client/src/cluster/operations/debug';
import { openShell } from '../../../../client/src/cluster/operations/exec';
import { pod, useCluster } from '../env';

describe('cluster/operations/debug', () => {
  const cluster = useCluster();
  beforeEach(() => cluster.server.put(pod('web', { containers: ['app', 'sidecar'] })));

  it('adds an ephemeral container targeting a container, waits until it runs, then opens a shell in it', async () => {
    cluster.server.debug.ephemeralStartMs = Infinity;
    const name = await addDebugContainer(cluster.api, 'default', 'web', { image: 'busybox:1.36', target: 'app', name: 'debugger-abcde' });
    assert.equal(name, 'debugger-abcde');
    const patch = cluster.server.requests.find((r) => r.method === 'PATCH')!;
    assert.equal(patch.path, '/api/v1/namespaces/default/pods/web/ephemeralcontainers');
    assert.equal(patch.headers['content-type'], 'application/strategic-merge-patch+json');
    const stored = cluster.server.get('v1', 'Pod', 'default', 'web')!;
    assert.deepEqual((stored.spec as { ephemeralContainers: unknown[] }).ephemeralContainers, [
      {
        name: 'debugger-abcde',
        image: 'busybox:1.36',
        targetContainerName: 'app',
        stdin: true,
        tty: true,
        terminationMessagePolicy: 'File',
        imagePullPolicy: 'IfNotPresent',
      },
    ]);
    const states: EphemeralState[] = [];
    await waitForEphemeral(cluster.api, 'default', 'web', name, {
      timeoutMs: 60_000,
      onState: (s) => {
        states.push(s);
        // The kubelet starts it once the wait has seen it not running yet.
        if (states.length === 1) cluster.server.debug.startPending();
      },
    });
    assert.deepEqual(states, [{ state: 'unknown' }, { state: 'running' }]);
    cluster.server.execHandler = (ctx) => {
      ctx.stdout(`shell in ${ctx.container}\n`);
      ctx.stdin.once('end', () => ctx.exit(0));
    };
    const shell = await openShell(cluster.api, { namespace: 'default', pod: 'web', container: name }, ['sh']);
    assert.equal(Buffer.concat(shell.initial).toString(), 'shell in debugger-abcde\n');
    shell.session.close();
  });

  it('a second debug container leaves the first untouched; a duplicate name or unknown target is refused', async () => {
    await addDebugContainer(cluster.api, 'default', 'web', { image: 'busybox:1.36', name: 'debugger-one' });
    await addDebugContainer(cluster.api, 'default', 'web', { image: 'alpine:3.20', name: 'debugger-two' });
    const eph = (cluster.server.get('v1', 'Pod', 'default', 'web')!.spec as { ephemeralContainers: { name: string; image: string }[] })
      .ephemeralContainers;
    assert.deepEqual(
      eph.map((e) => [e.name, e.image]),
      [
        ['debugger-one', 'busybox:1.36'],
        ['debugger-two', 'alpine:3.20'],
      ],
    );
    await assert.rejects(
      addDebugContainer(cluster.api, 'default', 'web', { image: 'busybox:1.36', name: 'app' }),
      (e: unknown) =>
        e instanceof ApiError &&
        e.status === 422 &&
        e.message === 'Pod "web" is invalid: spec.ephemeralContainers[2].name: Duplicate value: "app"',
    );
    await assert.rejects(
      addDebugContainer(cluster.api, 'default', 'web', { image: 'busybox:1.36', name: 'd3', target: 'nope' }),
      (e: unknown) => e instanceof ApiError && e.status === 422 && /targetContainerName: Not found: "nope"/.test(e.message),
    );
  });

  it('an image that cannot be pulled is reported with the kubelet reason', async () => {
    cluster.server.debug.unpullable.add('example/missing:1');
    const name = await addDebugContainer(cluster.api, 'default', 'web', { image: 'example/missing:1', name: 'debugger-bad' });
    await assert.rejects(
      waitForEphemeral(cluster.api, 'default', 'web', name, { timeoutMs: 5000 }),
      (e: unknown) =>
        e instanceof ProblemError &&
        e.problem.message ===
          'The debug container debugger-bad cannot start: ErrImagePull (failed to pull image "example/missing:1": not found).',
    );
  });

  it('a cluster without the subresource gets a clear message; a missing pod is a plain 404', async () => {
    cluster.server.addFault({
      match: /^PATCH .*\/ephemeralcontainers/,
      action: { kind: 'status', code: 404, message: 'the server could not find the requested resource' },
    });
    await assert.rejects(
      addDebugContainer(cluster.api, 'default', 'web', { image: 'busybox:1.36' }),
      (e: unknown) => e instanceof ProblemError && /does not serve ephemeral containers/.test(e.problem.message),
    );
    await assert.rejects(
      addDebugContainer(cluster.api, 'default', 'gone', { image: 'busybox:1.36' }),
      (e: unknown) => e instanceof ApiError && e.status === 404,
    );
  });

  it('names debug containers debugger-xxxxx, avoiding names in use; reads states', () => {
    const p = pod('web', { containers: ['debugger-aaaaa'] });
    const names = ['aaaaa', 'bbbbb'];
    assert.equal(
      debugContainerName(p, () => names.shift()!),
      'debugger-bbbbb',
    );
    assert.deepEqual(
      ephemeralState({ ...p, status: { ephemeralContainerStatuses: [{ name: 'd', state: { terminated: { exitCode: 1 } } }] } }, 'd'),
      {
        state: 'terminated',
        reason: 'exit 1',
      },
    );
  });

  it('times out with a message when the container never starts', async () => {
    cluster.server.debug.ephemeralStartMs = Infinity;
    const name = await addDebugContainer(cluster.api, 'default', 'web', { image: 'busybox:1.36', name: 'debugger-slow' });
    await assert.rejects(
      waitForEphemeral(cluster.api, 'default', 'web', name, { timeoutMs: 100 }),
      (e: unknown) => e instanceof ProblemError && e.problem.message === 'The debug container debugger-slow did not start in time.',
    );
  });
});
