import * as assert from 'node:assert/strict';
import { backoffDelay } from '../../../client/src/cluster/backoff';
import { podSummary } from '../../../client/src/cluster/status';
import { LiveCollection, listAll, type CollectionEvent } from '../../../client/src/cluster/watch';
import { pod, useCluster } from './env';

describe('cluster/watch: paged lists and live collections', () => {
  const cluster = useCluster();
  function collection(path: string, opts = {}): LiveCollection {
    const c = new LiveCollection(cluster.api, path, { apiVersion: 'v1', kind: 'Pod', backoffMs: 10, limit: 2, ...opts });
    cluster.defer(() => c.stop());
    return c;
  }

  it('lists in pages with limit/continue and fills in apiVersion/kind', async () => {
    for (let i = 0; i < 5; i++) cluster.server.put(pod(`p${i}`));
    const r = await listAll(cluster.api, '/api/v1/namespaces/default/pods', { limit: 2, apiVersion: 'v1', kind: 'Pod' });
    assert.deepEqual(
      r.items.map((p) => `${p.kind}/${p.metadata.name}`),
      ['Pod/p0', 'Pod/p1', 'Pod/p2', 'Pod/p3', 'Pod/p4'],
    );
    assert.deepEqual(
      cluster.server.requests.filter((q) => q.path === '/api/v1/namespaces/default/pods').map((q) => q.query.get('limit')),
      ['2', '2', '2'],
    );
  });

  it('caps a huge list at maxItems and reports the rest', async () => {
    for (let i = 0; i < 5000; i++) cluster.server.put(pod(`p${String(i).padStart(4, '0')}`));
    const r = await listAll(cluster.api, '/api/v1/namespaces/default/pods', { limit: 500, maxItems: 1000 });
    assert.equal(r.items.length, 1000);
    assert.equal(r.truncated, true);
    assert.equal(r.remaining, 4000);
  });

  it('keeps a collection current: added, modified, deleted', async () => {
    cluster.server.put(pod('a'));
    const c = collection('/api/v1/namespaces/default/pods');
    const synced = c.next((e) => e.type === 'synced');
    c.start();
    await synced;
    await new Promise<void>((r) => (cluster.server.openWatches > 0 ? r() : cluster.server.events.once('watch', () => r())));
    const added = c.next((e) => e.type === 'ADDED');
    cluster.server.put(pod('b'));
    await added;
    const modified = c.next((e) => e.type === 'MODIFIED');
    cluster.server.put(pod('a', { status: { phase: 'Failed', reason: 'Evicted' } }));
    await modified;
    const deleted = c.next((e) => e.type === 'DELETED');
    cluster.server.remove('v1', 'Pod', 'default', 'b');
    await deleted;
    assert.deepEqual(
      c.items().map((p) => [p.metadata.name, (p.status as { reason?: string }).reason]),
      [['a', 'Evicted']],
    );
  });

  it('resumes from the last resourceVersion (bookmarks included) after a dropped watch', async () => {
    const c = collection('/api/v1/namespaces/default/pods');
    const synced = c.next((e) => e.type === 'synced');
    c.start();
    await synced;
    await cluster.server.waitForRequest(/watch=1/);
    cluster.server.put(pod('x'));
    await c.next((e) => e.type === 'ADDED');
    cluster.server.bookmark();
    const rvAfterBookmark = cluster.server.resourceVersion;
    // Drop the next watch after one event.
    cluster.server.addFault({ match: /watch=1/, action: { kind: 'drop', afterLines: 1 } });
    const resumed = c.next((e) => e.type === 'resumed');
    cluster.server.dropWatches();
    const e = await resumed;
    assert.deepEqual(e, { type: 'resumed', resourceVersion: rvAfterBookmark });
    const second = await cluster.server.waitForRequest(/watch=1/, 2);
    assert.equal(second.query.get('resourceVersion'), rvAfterBookmark);
    assert.equal(second.query.get('allowWatchBookmarks'), 'true');
    // The dropping watch sends one event then is cut; the collection resumes again and misses nothing.
    cluster.server.put(pod('y'));
    cluster.server.put(pod('z'));
    await cluster.server.waitForRequest(/watch=1/, 3);
    while (c.items().length < 3) await c.next((ev) => ev.type === 'ADDED');
    assert.deepEqual(
      c.items().map((p) => p.metadata.name),
      ['x', 'y', 'z'],
    );
  });

  it('lists again on 410 Gone', async () => {
    cluster.server.put(pod('a'));
    const c = collection('/api/v1/namespaces/default/pods');
    const synced = c.next((e) => e.type === 'synced');
    c.start();
    await synced;
    await cluster.server.waitForRequest(/watch=1/);
    cluster.server.put(pod('b'));
    await c.next((e) => e.type === 'ADDED');
    // History is compacted and the stream dropped: resuming from an old version gets 410, so list again.
    cluster.server.compact();
    cluster.server.addFault({ match: /watch=1.*resourceVersion=/, action: { kind: 'status', code: 410, reason: 'Expired' } });
    const relisted = c.next((e) => e.type === 'relisted');
    cluster.server.dropWatches();
    cluster.server.remove('v1', 'Pod', 'default', 'a');
    await relisted;
    assert.deepEqual(
      c.items().map((p) => p.metadata.name),
      ['b'],
    );
  });

  it('handles an ERROR 410 event inside the watch stream by listing again', async () => {
    const c = collection('/api/v1/namespaces/default/pods');
    const synced = c.next((e) => e.type === 'synced');
    c.start();
    await synced;
    await cluster.server.waitForRequest(/watch=1/);
    cluster.server.compact();
    cluster.server.put(pod('late'));
    const relisted = c.next((e) => e.type === 'relisted');
    // Force a resume with the pre-compaction version: the server answers with an ERROR event (code 410).
    cluster.server.dropWatches();
    cluster.server.compact();
    await relisted;
    assert.deepEqual(
      c.items().map((p) => p.metadata.name),
      ['late'],
    );
  });

  it('backs off on 500 and recovers, reporting the problem meanwhile', async () => {
    cluster.server.addFault({
      match: /^GET \/api\/v1\/namespaces\/default\/pods\?limit/,
      action: { kind: 'status', code: 500, message: 'etcd is sad' },
      times: 4,
    });
    const c = collection('/api/v1/namespaces/default/pods');
    const err = c.next((e) => e.type === 'error');
    const synced = c.next((e) => e.type === 'synced');
    c.start();
    const e = await err;
    assert.ok(e.type === 'error');
    assert.equal(e.problem.kind, 'server-error');
    assert.match(e.problem.message, /failed \(500\): etcd is sad$/);
    await synced;
    assert.equal(c.problem, undefined);
  });

  /** A watch answer carrying one ERROR event with this Status. */
  function errorEvent(code: number, message: string, extra: Record<string, unknown> = {}): { kind: 'body'; code: number; body: string } {
    const status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code, message, ...extra };
    return { kind: 'body', code: 200, body: `${JSON.stringify({ type: 'ERROR', object: status })}\n` };
  }

  async function watching(c: LiveCollection): Promise<void> {
    const synced = c.next((e) => e.type === 'synced');
    c.start();
    await synced;
  }

  it('backs off on an ERROR event other than 410, reports it, and recovers', async () => {
    cluster.server.addFault({ match: /watch=1/, action: errorEvent(500, 'etcdserver: request timed out'), times: 3 });
    const c = collection('/api/v1/namespaces/default/pods', { backoffMs: 20, maxBackoffMs: 100 });
    const errors: CollectionEvent[] = [];
    c.onEvent((e) => e.type === 'error' && errors.push(e));
    const firstError = c.next((e) => e.type === 'error');
    await watching(c);
    const e = await firstError;
    assert.ok(e.type === 'error');
    assert.equal(e.problem.kind, 'server-error');
    assert.match(e.problem.message, /failed \(500\): etcdserver: request timed out$/);
    assert.ok(e.retryInMs >= 10 && e.retryInMs <= 20, `${e.retryInMs} ms`);
    assert.equal(c.problem?.message, e.problem.message);
    await cluster.server.waitForRequest(/watch=1/, 4);
    const added = c.next((ev) => ev.type === 'ADDED');
    cluster.server.put(pod('after'));
    await added;
    assert.equal(errors.length, 3);
    assert.deepEqual(
      errors.map((x) => (x.type === 'error' ? x.retryInMs <= 100 : false)),
      [true, true, true],
    );
    assert.equal(cluster.server.requests.filter((r) => r.query.get('watch') === '1').length, 4);
    assert.equal(c.problem, undefined);
  });

  for (const [how, action] of [
    [
      'an ERROR event',
      errorEvent(504, 'Too large resource version: 999, current: 3', {
        reason: 'Timeout',
        details: { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }] },
      }),
    ],
    ['a 504 answer', { kind: 'status', code: 504, message: 'Too large resource version: 999, current: 3', reason: 'Timeout' }],
  ] as const) {
    it(`lists again on "too large resource version" as ${how}`, async () => {
      cluster.server.addFault({ match: /watch=1/, action });
      const c = collection('/api/v1/namespaces/default/pods');
      const relisted = c.next((e) => e.type === 'relisted' || e.type === 'error');
      await watching(c);
      assert.deepEqual(await relisted, { type: 'relisted' });
    });
  }

  it('asks the server to end each watch after 5 to 10 minutes', async () => {
    const c = collection('/api/v1/namespaces/default/pods');
    await watching(c);
    const w = await cluster.server.waitForRequest(/watch=1/);
    const t = Number(w.query.get('timeoutSeconds'));
    assert.ok(t >= 300 && t <= 600, `timeoutSeconds=${t}`);
  });

  it('replaces a watch that stays open silently past its timeout, and says so', async () => {
    cluster.server.addFault({
      match: /watch=1/,
      action: { kind: 'body', code: 200, body: '', contentType: 'application/json', stall: true },
    });
    const c = collection('/api/v1/namespaces/default/pods', { watchTimeoutSeconds: 1, deadWatchGraceMs: 100 });
    const error = c.next((e) => e.type === 'error');
    await watching(c);
    const e = await error;
    assert.ok(e.type === 'error');
    assert.equal(e.problem.kind, 'timeout');
    assert.match(
      e.problem.message,
      /^The watch of \/api\/v1\/namespaces\/default\/pods stopped answering \(still open [12] s after it should have ended\); watching again\.$/,
    );
    await cluster.server.waitForRequest(/watch=1/, 2);
    const added = c.next((ev) => ev.type === 'ADDED');
    cluster.server.put(pod('late'));
    await added;
    assert.deepEqual(
      c.items().map((p) => p.metadata.name),
      ['late'],
    );
  });

  it('spaces retries exponentially, capped, with jitter in the upper half', () => {
    const at = (attempt: number, r: number): number => backoffDelay(attempt, { baseMs: 100, maxMs: 1000, random: () => r });
    assert.deepEqual([at(0, 0), at(0, 0.999), at(1, 0), at(3, 0.5), at(10, 0), at(10, 0.999)], [50, 100, 100, 600, 500, 1000]);
  });

  it('sees a pod deleted gracefully: Terminating first, then gone', async () => {
    cluster.server.podGracePeriodMs = 200;
    cluster.server.put(pod('bye'));
    const c = collection('/api/v1/namespaces/default/pods');
    await watching(c);
    await cluster.server.waitForRequest(/watch=1/);
    const seen: string[] = [];
    c.onEvent((e) => {
      if (e.type === 'MODIFIED' || e.type === 'DELETED') seen.push(`${e.type} ${podSummary(e.object).status}`);
    });
    const deleted = c.next((e) => e.type === 'DELETED');
    await cluster.api.request('DELETE', '/api/v1/namespaces/default/pods/bye', { kind: 'DeleteOptions', apiVersion: 'v1' });
    await deleted;
    assert.deepEqual(seen, ['MODIFIED Terminating', 'DELETED Terminating']);
    assert.deepEqual(c.items(), []);
  });
});
