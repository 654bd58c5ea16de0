import * as assert from 'node:assert/strict';
import { diagnosisMarkdown, gatherDiagnosis, splitImage } from '../../../../client/src/cluster/operations/diagnose';
import type { KObject } from '../../../kube-api-server/server';
import { pod, useCluster } from '../env';

let seq = 0;
function event(podName: string, type: 'Normal' | 'Warning', reason: string, message: string, minutesAgo: number, count = 1): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${podName}.${++seq}`, namespace: 'default' },
    involvedObject: { kind: 'Pod', name: podName, namespace: 'default' },
    type,
    reason,
    message,
    count,
    lastTimestamp: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
  };
}

function waiting(reason: string, message?: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    phase: 'Running',
    containerStatuses: [
      { name: 'app', ready: false, restartCount: 0, image: 'example/app:1.0', state: { waiting: { reason, message } }, ...extra },
    ],
  };
}

describe('cluster/operations/diagnose', () => {
  const cluster = useCluster();

  it('CrashLoopBackOff: reads the previous container log and names the exit code', async () => {
    cluster.server.put(
      pod('crash', {
        status: waiting('CrashLoopBackOff', 'back-off 5m0s restarting failed container=app', {
          restartCount: 6,
          lastState: { terminated: { reason: 'Error', exitCode: 1, finishedAt: '2026-11-23T09:59:00Z' } },
        }),
      }),
    );
    cluster.server.appendLog('default', 'crash', 'app', 'starting');
    cluster.server.appendLog('default', 'crash', 'app', 'FATAL: DATABASE_URL is not set');
    cluster.server.restartContainer('default', 'crash', 'app');
    cluster.server.put(event('crash', 'Warning', 'BackOff', 'Back-off restarting failed container app', 1, 30));
    const d = await gatherDiagnosis(cluster.api, 'default', 'crash');
    assert.equal(d.findings[0].cause, 'CrashLoopBackOff');
    assert.match(d.findings[0].title, /exit code 1/);
    assert.ok(
      d.findings[0].evidence.some((e) => e.includes('FATAL: DATABASE_URL is not set')),
      d.findings[0].evidence.join('\n'),
    );
    const previous = d.input.logs.find((l) => l.previous);
    assert.deepEqual(previous?.lines, ['starting', 'FATAL: DATABASE_URL is not set']);
    assert.ok(cluster.server.requests.some((r) => r.path.endsWith('/pods/crash/log') && r.query.get('previous') === 'true'));
    const md = diagnosisMarkdown(d, 'test');
    assert.match(md, /## Likely cause: Container app keeps crashing/);
    assert.match(md, /### app \(previous container, before the last restart\)\n\n```text\nstarting\nFATAL: DATABASE_URL is not set\n```/);
    assert.ok(
      md.indexOf('## 1. Status') < md.indexOf('## 2. Events') &&
        md.indexOf('## 2. Events') < md.indexOf('## 3. Logs') &&
        md.indexOf('## 3. Logs') < md.indexOf('## 4. Spec'),
    );
  });

  it('OOMKilled: names the memory limit that was hit', async () => {
    const p = pod('oom', {
      status: waiting('CrashLoopBackOff', undefined, {
        restartCount: 3,
        lastState: { terminated: { reason: 'OOMKilled', exitCode: 137 } },
      }),
    });
    (p.spec as { containers: Record<string, unknown>[] }).containers[0].resources = {
      limits: { memory: '128Mi' },
      requests: { memory: '64Mi' },
    };
    cluster.server.put(p);
    const d = await gatherDiagnosis(cluster.api, 'default', 'oom');
    assert.equal(d.findings[0].cause, 'OOMKilled');
    assert.equal(d.findings[0].title, 'Container app was OOMKilled: it hit its memory limit of 128Mi.');
    assert.match(d.findings[0].next[0], /Raise limits.memory above 128Mi \(e.g. 192Mi\)/);
  });

  it('ImagePullBackOff: a tag that does not exist, with the image parts and a missing pull secret', async () => {
    const p = pod('pull', { status: waiting('ImagePullBackOff', 'Back-off pulling image "registry.example.com/team/api:v9"') });
    const spec = p.spec as { containers: Record<string, unknown>[]; imagePullSecrets?: unknown };
    spec.containers[0].image = 'registry.example.com/team/api:v9';
    spec.imagePullSecrets = [{ name: 'regcred' }];
    cluster.server.put(p);
    cluster.server.put(
      event(
        'pull',
        'Warning',
        'Failed',
        'Failed to pull image "registry.example.com/team/api:v9": rpc error: code = NotFound desc = failed to resolve reference: registry.example.com/team/api:v9: not found',
        2,
      ),
    );
    const d = await gatherDiagnosis(cluster.api, 'default', 'pull');
    const f = d.findings[0];
    assert.equal(f.cause, 'ImagePull');
    assert.equal(f.title, 'Container app cannot start: the tag "v9" does not exist in registry.example.com/team/api (ImagePullBackOff).');
    assert.ok(
      f.evidence.includes(
        'Image registry.example.com/team/api:v9: repository registry.example.com/team/api, tag v9, registry registry.example.com.',
      ),
    );
    assert.ok(f.evidence.includes('imagePullSecrets: regcred (missing!).'));
    assert.equal(f.next[0], 'The imagePullSecret "regcred" does not exist in default: create it.');
  });

  it('ErrImagePull: refused credentials and no imagePullSecrets', async () => {
    cluster.server.put(
      pod('auth', {
        status: waiting(
          'ErrImagePull',
          'pull access denied for example/app, repository does not exist or may require authorization: authorization failed',
        ),
      }),
    );
    const d = await gatherDiagnosis(cluster.api, 'default', 'auth');
    assert.equal(d.findings[0].cause, 'ImagePull');
    assert.match(d.findings[0].title, /the registry docker\.io refused the credentials \(ErrImagePull\)/);
    assert.match(d.findings[0].next[0], /Add an imagePullSecrets entry/);
  });

  it('CreateContainerConfigError: the missing ConfigMap and the missing Secret key', async () => {
    const p = pod('cfg', { status: waiting('CreateContainerConfigError', 'configmap "app-config" not found') });
    const c = (p.spec as { containers: Record<string, unknown>[] }).containers[0];
    c.envFrom = [{ configMapRef: { name: 'app-config' } }];
    c.env = [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }];
    cluster.server.put(p);
    cluster.server.put({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'default' }, data: { user: 'YWRtaW4=' } });
    const d = await gatherDiagnosis(cluster.api, 'default', 'cfg');
    const f = d.findings[0];
    assert.equal(f.cause, 'CreateContainerConfigError');
    assert.equal(f.title, 'Container app cannot be created: ConfigMap "app-config" does not exist (envFrom of app).');
    assert.deepEqual(f.next, [
      'Create ConfigMap app-config in default (or mark the reference optional), then the kubelet retries by itself.',
      'Add key "password" to Secret db, or fix the key name in the pod spec.',
    ]);
    assert.ok(!diagnosisMarkdown(d, 'test').includes('YWRtaW4='), 'Secret values never appear');
  });

  it('liveness probe failures that restart the container', async () => {
    const p = pod('live', {
      status: {
        phase: 'Running',
        containerStatuses: [
          {
            name: 'app',
            ready: false,
            restartCount: 4,
            state: { running: {} },
            lastState: { terminated: { reason: 'Error', exitCode: 137 } },
          },
        ],
      },
    });
    (p.spec as { containers: Record<string, unknown>[] }).containers[0].livenessProbe = { httpGet: { path: '/healthz', port: 8080 } };
    cluster.server.put(p);
    cluster.server.put(event('live', 'Warning', 'Unhealthy', 'Liveness probe failed: HTTP probe failed with statuscode: 500', 1, 12));
    cluster.server.put(event('live', 'Normal', 'Killing', 'Container app failed liveness probe, will be restarted', 1));
    const d = await gatherDiagnosis(cluster.api, 'default', 'live');
    assert.equal(d.findings[0].cause, 'LivenessProbe');
    assert.ok(
      d.findings[0].evidence.includes(
        'Liveness probe: HTTP GET /healthz on port 8080 (initialDelaySeconds 0, periodSeconds 10, timeoutSeconds 1, failureThreshold 3).',
      ),
    );
  });

  it('readiness probe failures: running but not ready', async () => {
    const p = pod('ready', {
      status: { phase: 'Running', containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { running: {} } }] },
    });
    (p.spec as { containers: Record<string, unknown>[] }).containers[0].readinessProbe = { tcpSocket: { port: 5432 } };
    cluster.server.put(p);
    cluster.server.put(
      event('ready', 'Warning', 'Unhealthy', 'Readiness probe failed: dial tcp 10.0.0.5:5432: connect: connection refused', 1, 40),
    );
    const d = await gatherDiagnosis(cluster.api, 'default', 'ready');
    assert.equal(d.findings[0].cause, 'ReadinessProbe');
    assert.match(d.findings[0].title, /not ready: its readiness probe fails/);
  });

  it('Evicted: names the resource the node ran low on', async () => {
    cluster.server.put(
      pod('evicted', {
        status: {
          phase: 'Failed',
          reason: 'Evicted',
          message: 'The node was low on resource: memory. Container app was using 900Mi, which exceeds its request of 100Mi.',
          containerStatuses: [],
        },
      }),
    );
    const d = await gatherDiagnosis(cluster.api, 'default', 'evicted');
    assert.equal(d.findings.length, 1);
    assert.equal(d.findings[0].cause, 'Evicted');
    assert.equal(d.findings[0].title, 'The kubelet evicted the pod because the node ran low on memory.');
  });

  describe('Pending', () => {
    function pending(name: string, spec: Record<string, unknown> = {}, message?: string): KObject {
      const p = pod(name, {
        status: {
          phase: 'Pending',
          containerStatuses: undefined,
          conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message }],
        },
      });
      Object.assign(p.spec as object, spec);
      return p;
    }
    function node(
      name: string,
      extra: { cpu?: string; memory?: string; labels?: Record<string, string>; taints?: unknown[] } = {},
    ): KObject {
      return {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name, labels: extra.labels },
        spec: { taints: extra.taints },
        status: { allocatable: { cpu: extra.cpu ?? '2', memory: extra.memory ?? '4Gi' }, conditions: [{ type: 'Ready', status: 'True' }] },
      };
    }

    it('insufficient CPU: requests larger than any node', async () => {
      cluster.server.put(node('n1', { cpu: '2' }));
      cluster.server.put(node('n2', { cpu: '1500m' }));
      const p = pending('big', {}, '0/2 nodes are available: 2 Insufficient cpu.');
      (p.spec as { containers: Record<string, unknown>[] }).containers[0].resources = { requests: { cpu: '4', memory: '1Gi' } };
      cluster.server.put(p);
      const d = await gatherDiagnosis(cluster.api, 'default', 'big');
      assert.equal(d.findings[0].cause, 'InsufficientResources');
      assert.equal(d.findings[0].title, 'The pod requests 4 cpu, more than any node can offer (largest allocatable: 2).');
      assert.ok(!d.findings.some((f) => f.title.includes('memory')), 'memory fits');
    });

    it('insufficient memory from the scheduler message when nodes cannot be listed', async () => {
      cluster.server.forbid(/^GET \/api\/v1\/nodes/);
      const p = pending('mem', {}, '0/3 nodes are available: 3 Insufficient memory.');
      (p.spec as { containers: Record<string, unknown>[] }).containers[0].resources = { requests: { memory: '3Gi' } };
      cluster.server.put(p);
      const d = await gatherDiagnosis(cluster.api, 'default', 'mem');
      assert.equal(d.findings[0].cause, 'InsufficientResources');
      assert.equal(d.findings[0].title, "No node has 3Gi memory free for the pod's requests.");
      assert.ok(d.input.notes.some((n) => n.startsWith('Nodes could not be listed')));
    });

    it('taints the pod does not tolerate', async () => {
      cluster.server.put(node('gpu-1', { taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }] }));
      cluster.server.put(pending('taint', {}, '0/1 nodes are available: 1 node(s) had untolerated taint {nvidia.com/gpu: present}.'));
      const d = await gatherDiagnosis(cluster.api, 'default', 'taint');
      assert.equal(d.findings[0].cause, 'Taints');
      assert.equal(d.findings[0].title, 'The nodes carry taints the pod does not tolerate (nvidia.com/gpu=present:NoSchedule).');
    });

    it('a node selector no node matches', async () => {
      cluster.server.put(node('n1', { labels: { 'kubernetes.io/os': 'linux' } }));
      cluster.server.put(
        pending(
          'sel',
          { nodeSelector: { disktype: 'ssd' } },
          "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector.",
        ),
      );
      const d = await gatherDiagnosis(cluster.api, 'default', 'sel');
      assert.equal(d.findings[0].cause, 'NodeSelector');
      assert.equal(d.findings[0].title, "No node matches the pod's nodeSelector/affinity (disktype=ssd).");
      assert.ok(d.findings[0].evidence.includes('Nodes with those labels: 0 of 1.'));
    });

    it('an unbound PersistentVolumeClaim', async () => {
      cluster.server.put({
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'data', namespace: 'default' },
        spec: { storageClassName: 'fast' },
        status: { phase: 'Pending' },
      });
      cluster.server.put(
        pending(
          'pvc',
          { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] },
          '0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims.',
        ),
      );
      const d = await gatherDiagnosis(cluster.api, 'default', 'pvc');
      assert.equal(d.findings[0].cause, 'UnboundPVC');
      assert.equal(d.findings[0].title, 'The pod waits for PersistentVolumeClaim data, which is Pending.');
      assert.ok(d.findings[0].evidence.includes('PVC data: phase Pending, storageClassName fast.'));
    });

    it('a volume node affinity conflict is about the volume, not the nodeSelector', async () => {
      cluster.server.put(node('n1', { labels: { 'topology.kubernetes.io/zone': 'eu-west-1a' } }));
      cluster.server.put({
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'data', namespace: 'default' },
        spec: { volumeName: 'pv-eu-west-1b' },
        status: { phase: 'Bound' },
      });
      cluster.server.put(
        pending(
          'zonal',
          { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] },
          '0/1 nodes are available: 1 node(s) had volume node affinity conflict. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
        ),
      );
      const d = await gatherDiagnosis(cluster.api, 'default', 'zonal');
      assert.deepEqual(
        d.findings.map((f) => [f.cause, f.title]),
        [
          [
            'VolumeNodeAffinity',
            "The pod's PersistentVolume is pinned to nodes (usually a zone) where the pod cannot run: volume node affinity conflict.",
          ],
        ],
      );
      assert.ok(d.findings[0].evidence.includes('PVC data is bound to PersistentVolume pv-eu-west-1b.'));
    });

    it('insufficient GPUs (an extended resource) no node offers', async () => {
      cluster.server.put(node('n1'));
      cluster.server.put(node('n2'));
      const p = pending('train', {}, '0/2 nodes are available: 2 Insufficient nvidia.com/gpu.');
      (p.spec as { containers: Record<string, unknown>[] }).containers[0].resources = { limits: { 'nvidia.com/gpu': '2' } };
      cluster.server.put(p);
      const d = await gatherDiagnosis(cluster.api, 'default', 'train');
      assert.deepEqual(
        d.findings.map((f) => [f.cause, f.title]),
        [['InsufficientResources', 'No node offers nvidia.com/gpu at all; the pod requests 2.']],
      );
      assert.ok(d.findings[0].evidence.includes('Nodes offering nvidia.com/gpu: 0 of 2.'));
      assert.match(d.findings[0].next[0], /device plugin/);
    });

    it("a projected volume's missing ConfigMap keeps the scheduled pod from starting", async () => {
      const p = pod('proj', {
        status: {
          phase: 'Pending',
          conditions: [{ type: 'PodScheduled', status: 'True' }],
          containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }],
        },
      });
      Object.assign(p.spec as object, {
        nodeName: 'n1',
        volumes: [
          {
            name: 'bundle',
            projected: {
              sources: [{ serviceAccountToken: { path: 'token' } }, { configMap: { name: 'trust-bundle', items: [{ key: 'ca.crt' }] } }],
            },
          },
        ],
      });
      cluster.server.put(p);
      cluster.server.put(
        event('proj', 'Warning', 'FailedMount', 'MountVolume.SetUp failed for volume "bundle" : configmap "trust-bundle" not found', 1, 5),
      );
      const d = await gatherDiagnosis(cluster.api, 'default', 'proj');
      assert.deepEqual(
        d.findings.map((f) => [f.cause, f.title]),
        [
          [
            'VolumeMount',
            'The pod is stuck before its containers start: volume bundle cannot be mounted: ConfigMap "trust-bundle" does not exist.',
          ],
        ],
      );
    });
  });

  it('startup probe failures are reported as a slow start, not a crash loop', async () => {
    const p = pod('slow', {
      status: waiting('CrashLoopBackOff', 'back-off 1m20s restarting failed container=app', {
        restartCount: 3,
        lastState: { terminated: { reason: 'Error', exitCode: 137 } },
      }),
    });
    (p.spec as { containers: Record<string, unknown>[] }).containers[0].startupProbe = {
      httpGet: { path: '/started', port: 8080 },
      periodSeconds: 5,
      failureThreshold: 6,
    };
    cluster.server.put(p);
    cluster.server.put(
      event('slow', 'Warning', 'Unhealthy', 'Startup probe failed: Get "http://10.0.0.7:8080/started": connection refused', 1, 18),
    );
    cluster.server.put(event('slow', 'Normal', 'Killing', 'Container app failed startup probe, will be restarted', 1, 3));
    const d = await gatherDiagnosis(cluster.api, 'default', 'slow');
    assert.deepEqual(
      d.findings.map((f) => [f.cause, f.title]),
      [['StartupProbe', 'Container app is restarted because its startup probe does not succeed within 30 s.']],
    );
  });

  for (const [registry, image, message, why] of [
    [
      'Docker Hub',
      'nginx:1.27',
      'failed to pull and unpack image "docker.io/library/nginx:1.27": 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading',
      "Docker Hub's pull rate limit was reached (429 toomanyrequests)",
    ],
    [
      'another registry',
      'ghcr.io/acme/app:2',
      'failed to pull image "ghcr.io/acme/app:2": unexpected status code 429 Too Many Requests',
      'the registry ghcr.io rate-limited the pulls (429 Too Many Requests)',
    ],
  ] as const) {
    it(`ErrImagePull: a rate limit of ${registry} is named as such`, async () => {
      const p = pod('limited', { status: waiting('ErrImagePull', message) });
      (p.spec as { containers: Record<string, unknown>[] }).containers[0].image = image;
      cluster.server.put(p);
      const d = await gatherDiagnosis(cluster.api, 'default', 'limited');
      assert.deepEqual(
        d.findings.map((f) => [f.cause, f.title]),
        [['ImagePull', `Container app cannot start: ${why} (ErrImagePull).`]],
      );
    });
  }

  it('a healthy pod gets no invented problem', async () => {
    cluster.server.put(pod('ok'));
    cluster.server.appendLog('default', 'ok', 'app', 'listening on :8080');
    const d = await gatherDiagnosis(cluster.api, 'default', 'ok');
    assert.deepEqual(
      d.findings.map((f) => f.cause),
      ['Healthy'],
    );
    assert.deepEqual(d.input.logs, [{ container: 'app', previous: false, lines: ['listening on :8080'] }]);
  });

  it('splits image references', () => {
    assert.deepEqual(splitImage('nginx'), { repository: 'nginx', tag: 'latest (implicit)', registry: 'docker.io' });
    assert.deepEqual(splitImage('localhost:5000/a/b:1.2'), { repository: 'localhost:5000/a/b', tag: '1.2', registry: 'localhost:5000' });
    assert.deepEqual(splitImage('ghcr.io/o/r@sha256:abc'), { repository: 'ghcr.io/o/r', tag: 'sha256:abc', registry: 'ghcr.io' });
  });
});
