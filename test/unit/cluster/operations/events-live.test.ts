import * as assert from 'node:assert/strict';
import type { KubeObject } from '../../../../client/src/cluster/api';
import { describeObject, descriptionText } from '../../../../client/src/cluster/operations/describe';
import {
  EventStream,
  eventFilterText,
  eventRow,
  eventStreamText,
  filterEvents,
  groupByObject,
  parseEventFilter,
  warningsFirst,
  type EventRow,
} from '../../../../client/src/cluster/operations/events';
import { pod, useCluster } from '../env';

function ev(name: string, kind: string, obj: string, type: string, reason: string, at: string, namespace = 'default'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace },
    involvedObject: { kind, name: obj, namespace },
    type,
    reason,
    message: `${reason} on ${obj}`,
    lastTimestamp: at,
  };
}

const rows: EventRow[] = [
  ev('a', 'Pod', 'web-1', 'Normal', 'Pulled', '2026-12-07T10:00:00Z'),
  ev('b', 'Pod', 'web-1', 'Warning', 'BackOff', '2026-12-07T10:01:00Z'),
  ev('c', 'Deployment', 'web', 'Normal', 'ScalingReplicaSet', '2026-12-07T10:02:00Z'),
  ev('d', 'Pod', 'db-0', 'Warning', 'FailedMount', '2026-12-07T09:00:00Z'),
  ev('e', 'Pod', 'web-2', 'Normal', 'Started', '2026-12-07T10:03:00Z'),
].map(eventRow);

describe('cluster/operations/events: live stream, order, filter, groups', () => {
  describe('pure', () => {
    it('warnings first, newest first within each', () => {
      assert.deepEqual(
        warningsFirst(rows).map((r) => r.reason),
        ['BackOff', 'FailedMount', 'Started', 'ScalingReplicaSet', 'Pulled'],
      );
    });

    it('filters by Kind/name exactly, by Kind/, by part of a name, and by type', () => {
      const reasons = (f: Parameters<typeof filterEvents>[1]): string[] => filterEvents(rows, f).map((r) => r.reason);
      assert.deepEqual(reasons({ object: 'pod/web-1' }), ['Pulled', 'BackOff']);
      assert.deepEqual(reasons({ object: 'Pod/web' }), []);
      assert.deepEqual(reasons({ object: 'Deployment/' }), ['ScalingReplicaSet']);
      assert.deepEqual(reasons({ object: 'WEB' }), ['Pulled', 'BackOff', 'ScalingReplicaSet', 'Started']);
      assert.deepEqual(reasons({ type: 'warning' }), ['BackOff', 'FailedMount']);
      assert.deepEqual(reasons({ object: 'web', type: 'Warning' }), ['BackOff']);
      assert.equal(filterEvents(rows, {}).length, rows.length);
    });

    it('reads the filter as typed and writes it back', () => {
      assert.deepEqual(parseEventFilter(' Pod/web-1  warning '), { object: 'Pod/web-1', type: 'Warning' });
      assert.deepEqual(parseEventFilter('type=normal'), { type: 'Normal' });
      assert.deepEqual(parseEventFilter(''), {});
      assert.equal(eventFilterText({ object: 'Pod/web-1', type: 'Warning' }), 'Pod/web-1 Warning');
    });

    it('groups by object: objects with warnings first, then by latest event', () => {
      assert.deepEqual(
        groupByObject(rows).map((g) => [g.object, g.warnings, g.rows.map((r) => r.reason)]),
        [
          ['Pod/web-1', 1, ['BackOff', 'Pulled']],
          ['Pod/db-0', 1, ['FailedMount']],
          ['Pod/web-2', 0, ['Started']],
          ['Deployment/web', 0, ['ScalingReplicaSet']],
        ],
      );
    });

    it('renders warnings, then the rest, with the filter and a failing watch in the header', () => {
      const now = Date.parse('2026-12-07T10:04:00Z');
      const text = eventStreamText(rows, { title: 'Events default (kind)', filter: { object: 'web' }, problem: 'timed out', now });
      assert.equal(
        text,
        [
          '# Events default (kind) — live (4 of 5 events; filter: object web)',
          '# The watch failed and is retrying: timed out',
          '',
          '# ---- Warnings (1) ----',
          `! 3m ago   Warning BackOff${' '.repeat(16)}Pod/web-1${' '.repeat(22)}BackOff on web-1`,
          '',
          '# ---- Normal (3) ----',
          `  60s ago  Normal  Started${' '.repeat(16)}Pod/web-2${' '.repeat(22)}Started on web-2`,
          `  2m ago   Normal  ScalingReplicaSet${' '.repeat(6)}Deployment/web${' '.repeat(17)}ScalingReplicaSet on web`,
          `  4m ago   Normal  Pulled${' '.repeat(17)}Pod/web-1${' '.repeat(22)}Pulled on web-1`,
          '',
        ].join('\n'),
      );
    });

    it('prefixes the namespace when events span several', () => {
      const mixed = [rows[0], eventRow(ev('x', 'Pod', 'api-0', 'Normal', 'Pulled', '2026-12-07T10:00:00Z', 'shop'))];
      const text = eventStreamText(mixed, { title: 'Events', now: Date.parse('2026-12-07T10:01:00Z') });
      assert.match(text, / default\/Pod\/web-1 /);
      assert.match(text, / shop\/Pod\/api-0 /);
    });
  });

  describe('against the test API server', () => {
    const cluster = useCluster();

    it('a namespace stream lists, then follows new, changed and deleted events', async () => {
      cluster.server.put(ev('a', 'Pod', 'web-1', 'Normal', 'Pulled', '2026-12-07T10:00:00Z'));
      cluster.server.put(ev('other', 'Pod', 'x', 'Warning', 'BackOff', '2026-12-07T10:00:00Z', 'shop'));
      const s = new EventStream(cluster.api, { namespace: 'default' }, { backoffMs: 1 });
      cluster.defer(() => s.stop());
      await s.start();
      assert.deepEqual(
        s.rows().map((r) => r.reason),
        ['Pulled'],
      );
      await cluster.server.waitForRequest(/\/namespaces\/default\/events\?.*watch=(1|true)/);
      cluster.server.put(ev('b', 'Pod', 'web-1', 'Warning', 'BackOff', '2026-12-07T10:01:00Z'));
      assert.deepEqual(
        (await s.until((r) => r.length === 2)).map((r) => [r.reason, r.count]),
        [
          ['Pulled', 1],
          ['BackOff', 1],
        ],
      );
      // A repeat updates the same event's count (as the kubelet's event correlator does).
      cluster.server.put({ ...ev('b', 'Pod', 'web-1', 'Warning', 'BackOff', '2026-12-07T10:02:00Z'), count: 3 });
      assert.deepEqual(
        (await s.until((r) => r.some((x) => x.count === 3))).map((r) => [r.reason, r.count]),
        [
          ['Pulled', 1],
          ['BackOff', 3],
        ],
      );
      cluster.server.remove('v1', 'Event', 'default', 'a');
      assert.deepEqual(
        (await s.until((r) => r.length === 1)).map((r) => r.reason),
        ['BackOff'],
      );
    });

    it('a cluster-wide stream sees every namespace', async () => {
      cluster.server.put(ev('a', 'Pod', 'web-1', 'Normal', 'Pulled', '2026-12-07T10:00:00Z'));
      const s = new EventStream(cluster.api, {}, { backoffMs: 1 });
      cluster.defer(() => s.stop());
      await s.start();
      await cluster.server.waitForRequest(/^GET \/api\/v1\/events\?.*watch=(1|true)/);
      cluster.server.put(ev('b', 'Pod', 'api-0', 'Warning', 'Failed', '2026-12-07T10:01:00Z', 'shop'));
      const got = await s.until((r) => r.length === 2);
      assert.deepEqual(
        got.map((r) => `${r.namespace}/${r.object}`),
        ['default/Pod/web-1', 'shop/Pod/api-0'],
      );
    });

    it("an object's stream asks the server for its events only, and survives a cut watch", async () => {
      const s = new EventStream(cluster.api, { namespace: 'default', object: { kind: 'Pod', name: 'web-1' } }, { backoffMs: 1 });
      cluster.defer(() => s.stop());
      await s.start();
      const w = await cluster.server.waitForRequest(/\/events\?.*watch=(1|true)/);
      assert.equal(w.query.get('fieldSelector'), 'involvedObject.kind=Pod,involvedObject.name=web-1');
      cluster.server.dropWatches();
      cluster.server.put(ev('mine', 'Pod', 'web-1', 'Warning', 'Unhealthy', '2026-12-07T10:00:00Z'));
      cluster.server.put(ev('theirs', 'Pod', 'web-2', 'Warning', 'Unhealthy', '2026-12-07T10:00:00Z'));
      const got = await s.until((r) => r.length > 0);
      assert.deepEqual(
        got.map((r) => r.object),
        ['Pod/web-1'],
      );
    });

    it("a description's events re-render when a new one arrives", async () => {
      cluster.server.put(pod('web-1'));
      cluster.server.put(ev('a', 'Pod', 'web-1', 'Normal', 'Pulled', '2026-12-07T10:00:00Z'));
      const now = Date.parse('2026-12-07T10:05:00Z');
      const d = await describeObject(cluster.api, { context: 'test', kind: 'Pod', namespace: 'default', name: 'web-1' }, now);
      assert.equal(descriptionText(d, 'test', now), d.text);
      const s = new EventStream(cluster.api, { namespace: 'default', object: { kind: 'Pod', name: 'web-1' } }, { backoffMs: 1 });
      cluster.defer(() => s.stop());
      await s.start();
      await cluster.server.waitForRequest(/\/events\?.*watch=(1|true)/);
      cluster.server.put(ev('b', 'Pod', 'web-1', 'Warning', 'BackOff', '2026-12-07T10:04:00Z'));
      const events = await s.until((r) => r.length === 2);
      const text = descriptionText({ ...d, events }, 'test', now);
      assert.ok(text.includes(`# ! 60s ago  Warning BackOff${' '.repeat(16)}BackOff on web-1\n`), text);
      assert.ok(text.includes(`#   5m ago   Normal  Pulled${' '.repeat(17)}Pulled on web-1\n`), text);
      assert.equal(text.replace(/# ---- Events[\s\S]*?# ---- Related/, ''), d.text.replace(/# ---- Events[\s\S]*?# ---- Related/, ''));
    });
  });
});
