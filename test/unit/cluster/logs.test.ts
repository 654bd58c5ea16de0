import * as assert from 'node:assert/strict';
import { ContainerLogStream, MergedLogs, RingBuffer, timestampNanos } from '../../../client/src/cluster/logs';
import { Collector, pod, useCluster } from './env';

describe('cluster/logs: follow, reconnect, merge', () => {
  const cluster = useCluster();

  it('reads tail lines with the requested options', async () => {
    cluster.server.put(pod('web'));
    for (let i = 1; i <= 5; i++) cluster.server.appendLog('default', 'web', 'app', `line ${i}`);
    const sink = new Collector();
    const s = new ContainerLogStream(cluster.api, { namespace: 'default', pod: 'web', container: 'app' }, { tailLines: 2 }, sink);
    s.start();
    await s.done;
    assert.deepEqual(sink.texts(), ['line 4', 'line 5']);
    const req = await cluster.server.waitForRequest(/\/log\?/);
    assert.equal(req.query.get('tailLines'), '2');
    assert.equal(req.query.get('timestamps'), 'true');
    assert.match(sink.lines[0].timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
  });

  it('shows timestamps only when asked', async () => {
    cluster.server.put(pod('web'));
    cluster.server.appendLog('default', 'web', 'app', 'hello');
    const sink = new Collector();
    const s = new ContainerLogStream(cluster.api, { namespace: 'default', pod: 'web', container: 'app' }, { timestamps: true }, sink);
    s.start();
    await s.done;
    assert.equal(sink.texts()[0], `${sink.lines[0].timestamp} hello`);
  });

  it('reads the previous (crashed) container', async () => {
    cluster.server.put(pod('web'));
    cluster.server.appendLog('default', 'web', 'app', 'before crash');
    cluster.server.restartContainer('default', 'web', 'app');
    cluster.server.appendLog('default', 'web', 'app', 'after restart');
    const sink = new Collector();
    const s = new ContainerLogStream(cluster.api, { namespace: 'default', pod: 'web', container: 'app' }, { previous: true }, sink);
    s.start();
    await s.done;
    assert.deepEqual(sink.texts(), ['before crash']);
  });

  for (const drops of [1, 20]) {
    it(`follows across ${drops} injected disconnect(s) with no loss and no duplicates`, async () => {
      cluster.server.put(pod('web'));
      // Several lines share one second, so the sinceTime replay overlaps and must be de-duplicated.
      for (let i = 0; i < 5; i++) cluster.server.appendLog('default', 'web', 'app', `old ${i}`);
      cluster.server.appendLog('default', 'web', 'app', 'same text');
      cluster.server.appendLog('default', 'web', 'app', 'same text');
      const sink = new Collector();
      const s = new ContainerLogStream(cluster.api, { namespace: 'default', pod: 'web', container: 'app' }, { follow: true }, sink, 1);
      cluster.defer(() => s.stop());
      cluster.server.addFault({ match: /\/pods\/web\/log\?.*follow=true/, action: { kind: 'drop', afterLines: 3 }, times: drops });
      s.start();
      const expected = ['old 0', 'old 1', 'old 2', 'old 3', 'old 4', 'same text', 'same text'];
      for (let i = 0; i < 40; i++) {
        await sink.until(() => sink.lines.length >= expected.length);
        const line = `live ${i}`;
        expected.push(line);
        cluster.server.appendLog('default', 'web', 'app', line);
      }
      await sink.until(() => sink.lines.length >= expected.length);
      await sink.until(() => cluster.server.openLogFollows === 1 && s.reconnectCount >= drops);
      cluster.server.appendLog('default', 'web', 'app', 'last');
      expected.push('last');
      await sink.until(() => sink.lines.length >= expected.length);
      assert.deepEqual(sink.texts(), expected);
      assert.equal(s.reconnectCount, drops);
      const resumed = cluster.server.requests.filter((r) => r.path.endsWith('/log') && r.query.has('sinceTime'));
      assert.equal(resumed.length, drops);
      assert.match(resumed[0].query.get('sinceTime')!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      assert.ok(sink.notices.some((n) => n.kind === 'reconnecting'));
    });
  }

  it('says so when the pod is gone', async () => {
    cluster.server.put(pod('web'));
    cluster.server.appendLog('default', 'web', 'app', 'hi');
    const sink = new Collector();
    const s = new ContainerLogStream(cluster.api, { namespace: 'default', pod: 'web', container: 'app' }, { follow: true }, sink);
    s.start();
    await sink.until(() => sink.lines.length === 1 && cluster.server.openLogFollows === 1);
    cluster.server.remove('v1', 'Pod', 'default', 'web');
    await s.done;
    assert.deepEqual(
      sink.notices.map((n) => [n.kind, n.message]),
      [['pod-gone', 'Pod web is gone; stopped following web/app.']],
    );
  });

  it('says so when the container has ended for good', async () => {
    cluster.server.put(pod('job'));
    cluster.server.appendLog('default', 'job', 'app', 'done');
    const sink = new Collector();
    const s = new ContainerLogStream(cluster.api, { namespace: 'default', pod: 'job', container: 'app' }, { follow: true }, sink);
    s.start();
    await sink.until(() => cluster.server.openLogFollows === 1);
    cluster.server.put(
      pod('job', {
        status: { phase: 'Succeeded', containerStatuses: [{ name: 'app', state: { terminated: { reason: 'Completed', exitCode: 0 } } }] },
      }),
    );
    cluster.server.endLog('default', 'job', 'app');
    await s.done;
    assert.deepEqual(
      sink.notices.map((n) => n.message),
      ['Container job/app ended (Completed, exit 0).'],
    );
  });

  /** The pod `web` whose one container `app` is waiting for `reason` after `restarts` restarts. */
  function waitingPod(reason: string, restarts: number): ReturnType<typeof pod> {
    return pod('web', {
      status: {
        phase: reason === 'ContainerCreating' ? 'Pending' : 'Running',
        conditions: [{ type: 'Ready', status: 'False' }],
        containerStatuses: [
          {
            name: 'app',
            ready: false,
            restartCount: restarts,
            state: { waiting: { reason } },
            lastState: restarts ? { terminated: { reason: 'Error', exitCode: 1 } } : {},
          },
        ],
      },
    });
  }

  function requestsOpen(): number {
    return cluster.server.openLogFollows;
  }

  function requestsTo(pathEnd: string): number {
    return cluster.server.requests.filter((r) => r.method === 'GET' && r.path.endsWith(pathEnd)).length;
  }

  it('backs off while the container is in CrashLoopBackOff, says so once, and resumes when it restarts', async () => {
    cluster.server.put(waitingPod('CrashLoopBackOff', 3));
    cluster.server.appendLog('default', 'web', 'app', 'boom');
    const sink = new Collector();
    const s = new ContainerLogStream(cluster.api, { namespace: 'default', pod: 'web', container: 'app' }, { follow: true }, sink, 50, 400);
    cluster.defer(() => s.stop());
    s.start();
    await sink.until(() => sink.notices.length === 1);
    // Over this window a follow that re-requests at once sends hundreds of requests; backing off
    // from 50 ms to at most 400 ms allows a handful of pod reads and no further log request.
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(requestsTo('/pods/web/log'), 1);
    const podReads = requestsTo('/pods/web');
    assert.ok(podReads >= 1 && podReads <= 12, `${podReads} pod reads`);
    assert.deepEqual(
      sink.notices.map((n) => [n.kind, n.message]),
      [['waiting', 'web/app: container is in CrashLoopBackOff; following resumes when it restarts.']],
    );
    cluster.server.restartContainer('default', 'web', 'app');
    cluster.server.put(
      pod('web', { status: { containerStatuses: [{ name: 'app', ready: true, restartCount: 4, state: { running: {} } }] } }),
    );
    cluster.server.appendLog('default', 'web', 'app', 'after restart');
    await sink.until(() => sink.lines.length === 2);
    assert.deepEqual(sink.texts(), ['boom', 'after restart']);
    assert.equal(requestsTo('/pods/web/log'), 2);
  });

  it('waits for a container that has not started yet instead of giving up', async () => {
    cluster.server.put(waitingPod('ContainerCreating', 0));
    const sink = new Collector();
    const s = new ContainerLogStream(cluster.api, { namespace: 'default', pod: 'web', container: 'app' }, { follow: true }, sink, 20, 100);
    cluster.defer(() => s.stop());
    s.start();
    await sink.until(() => sink.notices.length === 1);
    assert.deepEqual(
      sink.notices.map((n) => [n.kind, n.message]),
      [['waiting', 'web/app: container is waiting (ContainerCreating); following resumes when it starts.']],
    );
    cluster.server.put(pod('web'));
    cluster.server.appendLog('default', 'web', 'app', 'started');
    await sink.until(() => sink.lines.length === 1);
    assert.deepEqual(sink.texts(), ['started']);
  });

  it('shows a line whose timestamp is earlier than the previous one on a healthy follow', async () => {
    cluster.server.put(pod('web'));
    const sink = new Collector();
    const s = new ContainerLogStream(cluster.api, { namespace: 'default', pod: 'web', container: 'app' }, { follow: true }, sink);
    cluster.defer(() => s.stop());
    cluster.server.appendLog('default', 'web', 'app', 'on stdout');
    s.start();
    await sink.until(() => sink.lines.length === 1 && cluster.server.openLogFollows === 1);
    // stderr's line was written a millisecond before stdout's but reached the log after it.
    const earlier = timestampNanos(sink.lines[0].timestamp)! - 1_000_000n;
    cluster.server.appendLog('default', 'web', 'app', 'on stderr', earlier);
    cluster.server.appendLog('default', 'web', 'app', 'next');
    await sink.until(() => sink.lines.length === 3);
    assert.deepEqual(sink.texts(), ['on stdout', 'on stderr', 'next']);
  });

  it('merges all pods of a selector with targets, and new pods join', async () => {
    cluster.server.put(pod('web-1', { labels: { app: 'web' }, containers: ['app', 'sidecar'] }));
    cluster.server.put(pod('other', { labels: { app: 'other' } }));
    cluster.server.appendLog('default', 'web-1', 'app', 'a1');
    cluster.server.appendLog('default', 'web-1', 'sidecar', 's1');
    cluster.server.appendLog('default', 'other', 'app', 'not me');
    const sink = new Collector();
    const m = new MergedLogs(
      cluster.api,
      { kind: 'selector', namespace: 'default', selector: 'app=web', title: 'deploy/web' },
      { follow: true },
      sink,
    );
    cluster.defer(() => m.stop());
    await m.start();
    await sink.until(() => sink.lines.length === 2);
    await sink.until(() => cluster.server.openLogFollows === 2);
    cluster.server.put(pod('web-2', { labels: { app: 'web' } }));
    cluster.server.appendLog('default', 'web-2', 'app', 'b1');
    await sink.until(() => sink.lines.length === 3);
    const seen = sink.lines.map((l) => `[${l.target.pod}/${l.target.container}] ${l.text}`).sort();
    assert.deepEqual(seen, ['[web-1/app] a1', '[web-1/sidecar] s1', '[web-2/app] b1']);
    assert.deepEqual(
      m
        .targets()
        .map((t) => `${t.pod}/${t.container}`)
        .sort(),
      ['web-1/app', 'web-1/sidecar', 'web-2/app'],
    );
  });

  it('caps the log streams of a selector follow; a waiting container takes a freed slot', async () => {
    for (const n of ['web-1', 'web-2', 'web-3']) {
      cluster.server.put(pod(n, { labels: { app: 'web' } }));
      cluster.server.appendLog('default', n, 'app', `hello from ${n}`);
    }
    const sink = new Collector();
    const m = new MergedLogs(
      cluster.api,
      { kind: 'selector', namespace: 'default', selector: 'app=web', title: 'deploy/web' },
      { follow: true },
      sink,
      2,
    );
    cluster.defer(() => m.stop());
    await m.start();
    await sink.until(() => sink.lines.length === 2 && cluster.server.openLogFollows === 2);
    assert.deepEqual(
      m
        .targets()
        .map((t) => t.pod)
        .sort(),
      ['web-1', 'web-2'],
    );
    assert.deepEqual(
      sink.notices.map((n) => n.message),
      ['Following at most 2 log streams at once; other containers (from web-3/app on) are followed as slots free up.'],
    );
    cluster.server.remove('v1', 'Pod', 'default', 'web-1');
    await sink.until(() => sink.lines.some((l) => l.text === 'hello from web-3'));
    assert.equal(requestsOpen(), 2);
  });

  it('ring buffer keeps the newest lines within capacity', () => {
    const rb = new RingBuffer<number>(3);
    for (let i = 1; i <= 5; i++) rb.push(i);
    assert.deepEqual(rb.toArray(), [3, 4, 5]);
    assert.equal(rb.dropped, 2);
    assert.throws(() => new RingBuffer(0));
  });
});
