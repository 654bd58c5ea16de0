/** Log following under faults: a hundred dropped connections (some mid-line), and the pod deleted meanwhile. */
import * as assert from 'node:assert/strict';
import { ContainerLogStream } from '../../../client/src/cluster/logs';
import { Collector, pod, useCluster } from './env';

const TARGET = { namespace: 'default', pod: 'web', container: 'app' };

describe('cluster faults: log follow', () => {
  const cluster = useCluster();

  it('follows across 100 injected disconnects and resets, some mid-line, losing and duplicating no line', async () => {
    cluster.server.put(pod('web'));
    const expected: string[] = [];
    const append = (text: string): void => {
      expected.push(text);
      cluster.server.appendLog('default', 'web', 'app', text);
    };
    // Repeated texts: de-duplication must go by position at a timestamp, not by text alone.
    for (let i = 0; i < 10; i++) append(i % 3 === 0 ? 'tick' : `boot ${i}`);
    // Cut after whole lines, half-way through a line, and before the first byte of a line ends.
    const cuts = [2, 1.5, 3, 0.5, 1, 2.25];
    for (let i = 0; i < 100; i++) {
      cluster.server.addFault({
        match: /^GET \/api\/v1\/namespaces\/default\/pods\/web\/log\?.*follow=true/,
        // Every other one is a TCP reset, which also loses what the server wrote but had not flushed.
        action: { kind: 'drop', afterLines: cuts[i % cuts.length], reset: i % 2 === 1 },
      });
    }
    const sink = new Collector();
    const s = new ContainerLogStream(cluster.api, TARGET, { follow: true }, sink, 1);
    cluster.defer(() => s.stop());
    s.start();
    let n = 0;
    while (s.reconnectCount < 100) {
      await sink.until(() => sink.lines.length >= expected.length || s.reconnectCount >= 100);
      assert.ok(n < 5000, 'the drops should have happened by now');
      append(n % 7 === 0 ? 'tick' : `line ${n} ${'x'.repeat(n % 50)}`);
      n++;
    }
    // All faults are used up: the 101st connection stays, and lines keep flowing exactly once.
    await sink.until(() => cluster.server.openLogFollows === 1);
    for (let i = 0; i < 5; i++) append(`after ${i}`);
    await sink.until(() => sink.lines.length >= expected.length);
    assert.deepEqual(
      sink.lines.map((l) => l.text),
      expected,
    );
    assert.equal(s.reconnectCount, 100);
    const follows = cluster.server.requests.filter((r) => r.path === '/api/v1/namespaces/default/pods/web/log');
    assert.equal(follows.length, 101);
    assert.equal(follows.filter((r) => r.query.has('sinceTime')).length, 100);
    // Timestamps never go backwards.
    for (let i = 1; i < sink.lines.length; i++) assert.ok(sink.lines[i - 1].timestamp < sink.lines[i].timestamp, `line ${i}`);
    const kinds = new Set(sink.notices.map((x) => x.kind));
    assert.deepEqual([...kinds].sort(), ['reconnected', 'reconnecting']);
    assert.equal(
      sink.notices.find((x) => x.kind === 'reconnecting')?.message,
      'Lost the log stream of web/app (the connection was cut); reconnecting.',
    );
    assert.equal(sink.notices.find((x) => x.kind === 'reconnected')?.message, 'Reconnected to web/app; resumed after the last line shown.');
  });

  it('a pod deleted while the stream is down ends the follow with a message', async () => {
    cluster.server.put(pod('web'));
    cluster.server.appendLog('default', 'web', 'app', 'one');
    const sink = new Collector();
    const s = new ContainerLogStream(cluster.api, TARGET, { follow: true }, sink, 1);
    cluster.defer(() => s.stop());
    cluster.server.addFault({ match: /\/pods\/web\/log\?/, action: { kind: 'drop', afterLines: 1.5 } });
    s.start();
    await sink.until(() => sink.lines.length === 1);
    // The follow is cut half-way through the next line, and the pod is gone before the stream asks about it.
    cluster.server.events.once('request', () => {
      cluster.server.remove('v1', 'Pod', 'default', 'web');
    });
    cluster.server.appendLog('default', 'web', 'app', 'two');
    await s.done;
    assert.deepEqual(
      sink.lines.map((l) => l.text),
      ['one'],
    );
    assert.deepEqual(
      sink.notices.map((x) => [x.kind, x.message]),
      [['pod-gone', 'Pod web is gone; stopped following web/app.']],
    );
  });

  it('a log request that keeps failing with 500 says why once while it retries', async () => {
    cluster.server.put(pod('web'));
    cluster.server.appendLog('default', 'web', 'app', 'one');
    cluster.server.addFault({
      match: /\/pods\/web\/log\?/,
      action: { kind: 'status', code: 500, message: 'container runtime is down' },
      times: 3,
    });
    const sink = new Collector();
    const s = new ContainerLogStream(cluster.api, TARGET, { follow: true }, sink, 1);
    cluster.defer(() => s.stop());
    s.start();
    await sink.until(() => sink.lines.length === 1);
    assert.deepEqual(
      sink.lines.map((l) => l.text),
      ['one'],
    );
    assert.deepEqual(
      sink.notices.map((x) => x.message),
      [
        `Lost the log stream of web/app (The API server (${cluster.server.url}) failed (500): container runtime is down); reconnecting.`,
        'Reconnected to web/app; resumed after the last line shown.',
      ],
    );
    assert.equal(cluster.server.requests.filter((r) => r.path.endsWith('/log')).length, 4);
  });
});
