import * as assert from 'node:assert/strict';
import { describeObject, namespaceEventsMarkdown } from '../../../../client/src/cluster/operations/describe';
import { pod, useCluster } from '../env';

describe('cluster/operations/describe', () => {
  const cluster = useCluster();
  const now = Date.parse('2026-11-23T12:00:00Z');

  function event(name: string, kind: string, obj: string, type: string, reason: string, message: string, at: string): void {
    cluster.server.put({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: 'default' },
      involvedObject: { kind, name: obj, namespace: 'default' },
      type,
      reason,
      message,
      lastTimestamp: at,
    });
  }

  /** A Service `name` selecting the pods labelled app=`name`. */
  function service(name: string): void {
    cluster.server.put({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: 'default' },
      spec: { selector: { app: name } },
    });
  }

  it('YAML without managedFields, events by time, owners, and the Services that select a pod', async () => {
    const d = cluster.server.put({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'x' }] } },
      },
    });
    const rs = cluster.server.put({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: 'web-1',
        namespace: 'default',
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d.metadata.uid!, controller: true }],
      },
      spec: { selector: { matchLabels: { app: 'web' } } },
    });
    const p = pod('web-1-abc', { labels: { app: 'web' } });
    p.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: rs.metadata.uid!, controller: true }];
    p.metadata.managedFields = [{ manager: 'kube-controller-manager', operation: 'Update' }];
    cluster.server.put(p);
    service('web');
    service('db');
    event('e2', 'Pod', 'web-1-abc', 'Normal', 'Started', 'Started container app', '2026-11-23T11:58:00Z');
    event('e1', 'Pod', 'web-1-abc', 'Normal', 'Pulled', 'Pulled image', '2026-11-23T11:57:00Z');
    event('e3', 'Pod', 'web-1-abc', 'Warning', 'Unhealthy', 'Readiness probe failed', '2026-11-23T11:59:00Z');
    event('e4', 'Pod', 'other', 'Warning', 'BackOff', 'not mine', '2026-11-23T11:59:00Z');

    const desc = await describeObject(cluster.api, { context: 'test', kind: 'Pod', namespace: 'default', name: 'web-1-abc' }, now);
    assert.ok(!desc.text.includes('managedFields:') && !desc.text.includes('kube-controller-manager'));
    assert.ok(
      desc.text.startsWith('# Pod default/web-1-abc — context test (read-only; managedFields hidden)\napiVersion: v1\nkind: Pod\n'),
    );
    assert.deepEqual(
      desc.events.map((e) => e.reason),
      ['Pulled', 'Started', 'Unhealthy'],
    );
    assert.ok(desc.text.includes(`# ! 60s ago  Warning Unhealthy${' '.repeat(14)}Readiness probe failed\n`), desc.text);
    assert.deepEqual(desc.related, [
      'owned by ReplicaSet/web-1 (controller)',
      '  owned by Deployment/web (controller)',
      'selected by Services: web',
    ]);
  });

  it('a workload lists its pods; a Service its endpoints', async () => {
    cluster.server.put({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'web' } } },
    });
    cluster.server.put(pod('web-a', { labels: { app: 'web' } }));
    cluster.server.put(pod('web-b', { labels: { app: 'web' }, status: { phase: 'Pending', containerStatuses: [] } }));
    service('web');
    cluster.server.put({
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'web', namespace: 'default' },
      subsets: [
        {
          addresses: [{ ip: '10.0.0.1', targetRef: { name: 'web-a' } }],
          notReadyAddresses: [{ ip: '10.0.0.2', targetRef: { name: 'web-b' } }],
          ports: [{ name: 'http', port: 8080 }],
        },
      ],
    });
    const d = await describeObject(cluster.api, { context: 'test', kind: 'Deployment', namespace: 'default', name: 'web' }, now);
    assert.deepEqual(d.related, ['pods (selector app=web): 2', '  web-a  Running 1/1', '  web-b  Pending 0/1']);
    const s = await describeObject(cluster.api, { context: 'test', kind: 'Service', namespace: 'default', name: 'web' }, now);
    assert.deepEqual(s.related, [
      'pods (selector app=web): 2',
      '  web-a  Running 1/1',
      '  web-b  Pending 0/1',
      'endpoints: 1 ready, 1 not ready',
      '  ready      10.0.0.1:8080/http (web-a)',
      '  not ready  10.0.0.2:8080/http (web-b)',
    ]);
  });

  it('Secret values are hidden', async () => {
    cluster.server.put({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's', namespace: 'default' },
      data: { password: Buffer.from('hunter2').toString('base64') },
    });
    const d = await describeObject(cluster.api, { context: 'test', kind: 'Secret', namespace: 'default', name: 's' }, now);
    assert.ok(!d.text.includes(Buffer.from('hunter2').toString('base64')));
    assert.match(d.text, /password: "<hidden: 7 bytes>"/);
  });

  it('namespace events: sorted by last timestamp, warnings highlighted', async () => {
    event('b', 'Pod', 'p2', 'Warning', 'BackOff', 'Back-off | restarting', '2026-11-23T11:59:00Z');
    event('a', 'Deployment', 'web', 'Normal', 'ScalingReplicaSet', 'Scaled up', '2026-11-23T11:50:00Z');
    const { rows, markdown } = await namespaceEventsMarkdown(cluster.api, 'test', 'default', now);
    assert.deepEqual(
      rows.map((r) => r.reason),
      ['ScalingReplicaSet', 'BackOff'],
    );
    assert.match(markdown, /\*\*1 warning\*\*/);
    assert.match(markdown, /\| 60s ago \| \*\*⚠ Warning\*\* \| \*\*BackOff\*\* \| Pod\/p2 \| 1 \| Back-off \\\| restarting \|/);
  });
});
