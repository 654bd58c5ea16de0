/**
 * Fidelity of the debugging and maintenance paths: the real `kubectl` (cordon, drain, top pod, cp,
 * create job --from=cronjob, debug, rollout pause, set image) against the test API server, and
 * Shipshape's own calls compared with what kubectl leaves behind. Skips when kubectl is not on PATH.
 *
 * `kubectl debug -it` is not run: attaching needs the pod `attach` subresource, which the test
 * server does not serve; the shell is opened with exec instead, tested in operations/debug.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copyFromContainer, copyToContainer } from '../../../client/src/cluster/operations/copy';
import { jobFromCronJob } from '../../../client/src/cluster/operations/workload';
import type { KObject } from '../../kube-api-server/server';
import { pod, tempDir, useCluster } from './env';
import { useKubectl, type KubectlResult } from './kubectl-runner';

const haveTar = spawnSync('tar', ['--version'], { stdio: 'ignore' }).status === 0;

function onNode(name: string, owner: [string, string] | null, labels?: Record<string, string>): KObject {
  const p = pod(name, { labels });
  if (owner)
    p.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: owner[0], name: owner[1], uid: `uid-${owner[1]}`, controller: true }];
  p.spec = { ...(p.spec as object), nodeName: 'n1' };
  return p;
}

describe('test API server fidelity: real kubectl for debugging and node maintenance', function () {
  const cluster = useCluster();
  const { run } = useKubectl(cluster);
  const kubectl = (...args: string[]): Promise<KubectlResult> => run(args);
  beforeEach(() => {
    cluster.server.put({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, spec: {} });
  });

  it('kubectl cordon and uncordon', async () => {
    const c = await kubectl('cordon', 'n1');
    assert.equal(c.status, 0, c.stderr);
    assert.equal(c.stdout, 'node/n1 cordoned\n');
    assert.deepEqual(cluster.server.get('v1', 'Node', undefined, 'n1')!.spec, { unschedulable: true });
    const u = await kubectl('uncordon', 'n1');
    assert.equal(u.status, 0, u.stderr);
    assert.equal(u.stdout, 'node/n1 uncordoned\n');
    assert.equal((cluster.server.get('v1', 'Node', undefined, 'n1')!.spec as { unschedulable?: boolean }).unschedulable ?? false, false);
  });

  it('kubectl drain evicts through pods/eviction, skips DaemonSet pods, and is held by a PodDisruptionBudget', async () => {
    cluster.server.put({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'logs', namespace: 'default' }, spec: {} });
    cluster.server.put(onNode('logs-x', ['DaemonSet', 'logs']));
    cluster.server.put(onNode('api-1', ['ReplicaSet', 'api-1']));
    cluster.server.put(onNode('web-a', ['ReplicaSet', 'web-1'], { app: 'web' }));
    cluster.server.put({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'web-pdb', namespace: 'default' },
      spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } },
    });
    const d = await kubectl('drain', 'n1', '--ignore-daemonsets', '--timeout=4s');
    assert.notEqual(d.status, 0);
    assert.match(d.stderr, /Warning: ignoring DaemonSet-managed Pods: default\/logs-x/);
    assert.match(d.stdout + d.stderr, /evicting pod default\/web-a/);
    assert.match(
      d.stderr,
      /error when evicting pods\/"web-a" -n "default" \(will retry after 5s\): Cannot evict pod as it would violate the pod's disruption budget/,
    );
    assert.match(d.stdout, /pod\/api-1 evicted/);
    assert.ok(cluster.server.requests.some((r) => r.method === 'POST' && r.path === '/api/v1/namespaces/default/pods/web-a/eviction'));
    assert.equal(cluster.server.get('v1', 'Pod', 'default', 'api-1'), undefined);
    assert.ok(cluster.server.get('v1', 'Pod', 'default', 'web-a'));
    assert.ok(cluster.server.get('v1', 'Pod', 'default', 'logs-x'));
    assert.equal((cluster.server.get('v1', 'Node', undefined, 'n1')!.spec as { unschedulable?: boolean }).unschedulable, true);
  });

  it('kubectl top pod --sort-by reads PodMetrics; without metrics-server it says so', async () => {
    const none = await kubectl('top', 'pod');
    assert.notEqual(none.status, 0);
    assert.match(none.stderr, /Metrics API not available/);
    cluster.server.operations.installMetrics();
    for (const [name, cpu, memory] of [
      ['small', '10m', '300Mi'],
      ['big', '900m', '20Mi'],
    ]) {
      cluster.server.put(pod(name!));
      cluster.server.put({
        apiVersion: 'metrics.k8s.io/v1beta1',
        kind: 'PodMetrics',
        metadata: { name: name!, namespace: 'default' },
        timestamp: new Date().toISOString(),
        window: '30s',
        containers: [{ name: 'app', usage: { cpu: cpu!, memory: memory! } }],
      });
    }
    const byCpu = await kubectl('top', 'pod', '--sort-by=cpu');
    assert.equal(byCpu.status, 0, byCpu.stderr);
    assert.deepEqual(
      byCpu.stdout
        .trim()
        .split('\n')
        .map((l) => l.trim().split(/\s+/)),
      [
        ['NAME', 'CPU(cores)', 'MEMORY(bytes)'],
        ['big', '900m', '20Mi'],
        ['small', '10m', '300Mi'],
      ],
    );
    const byMem = await kubectl('top', 'pod', '--sort-by=memory');
    assert.deepEqual(
      byMem.stdout
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(/\s+/)[0]),
      ['small', 'big'],
    );
  });

  it('kubectl cp to and from a container through tar over exec; Shipshape reads what kubectl wrote and the other way round', async function () {
    if (!haveTar) this.skip();
    cluster.server.put(pod('web'));
    cluster.server.execHandler = cluster.server.debug.tarExec();
    const local = tempDir();
    cluster.defer(() => fs.rmSync(local, { recursive: true, force: true }));
    fs.writeFileSync(path.join(local, 'up.txt'), 'from kubectl\n');
    const up = await kubectl('cp', path.join(local, 'up.txt'), 'default/web:/tmp/up.txt', '-c', 'app');
    assert.equal(up.status, 0, up.stderr);
    const target = { namespace: 'default', pod: 'web', container: 'app' };
    await copyFromContainer(cluster.api, target, '/tmp/up.txt', path.join(local, 'read-by-shipshape.txt'));
    assert.equal(fs.readFileSync(path.join(local, 'read-by-shipshape.txt'), 'utf8'), 'from kubectl\n');
    fs.writeFileSync(path.join(local, 'mine.txt'), 'from shipshape\n');
    await copyToContainer(cluster.api, target, path.join(local, 'mine.txt'), '/tmp/mine.txt');
    const down = await kubectl('cp', 'default/web:/tmp/mine.txt', path.join(local, 'read-by-kubectl.txt'), '-c', 'app');
    assert.equal(down.status, 0, down.stderr);
    assert.equal(fs.readFileSync(path.join(local, 'read-by-kubectl.txt'), 'utf8'), 'from shipshape\n');
  });

  it('kubectl create job --from=cronjob builds the Job Shipshape builds', async () => {
    const cj = cluster.server.put({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'nightly', namespace: 'default' },
      spec: {
        schedule: '0 2 * * *',
        jobTemplate: {
          metadata: { labels: { app: 'nightly' }, annotations: { team: 'data' } },
          spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'run', image: 'example/run:1' }] } } },
        },
      },
    });
    // kubectl sends a new Job as protobuf, which the test server does not decode: compare what it would send.
    const r = await kubectl('create', 'job', 'by-kubectl', '--from=cronjob/nightly', '--dry-run=client', '-o', 'json');
    assert.equal(r.status, 0, r.stderr);
    const job = JSON.parse(r.stdout) as KObject;
    const ours = jobFromCronJob(cj, 'by-kubectl');
    assert.equal(job.metadata.name, 'by-kubectl');
    assert.deepEqual(job.metadata.annotations, ours.metadata.annotations);
    assert.deepEqual(job.metadata.labels, ours.metadata.labels);
    assert.deepEqual(job.metadata.ownerReferences, ours.metadata.ownerReferences);
    type T = { template: { spec: { restartPolicy: string; containers: { name: string; image: string }[] } } };
    const shape = (j: KObject): unknown => {
      const t = (j.spec as T).template.spec;
      return [t.restartPolicy, t.containers.map((c) => [c.name, c.image])];
    };
    assert.deepEqual(shape(job), shape(ours));
  });

  it('kubectl debug adds an ephemeral container through the subresource', async () => {
    const p = pod('web', { containers: ['app'] });
    // A real API server defaults every pod's securityContext to {}; kubectl debug reads it.
    p.spec = { ...(p.spec as object), securityContext: {} };
    cluster.server.put(p);
    const r = await kubectl('debug', 'web', '--image=busybox:1.36', '--target=app', '-c', 'dbg', '--profile=general');
    assert.equal(r.status, 0, r.stderr);
    const eph = (
      cluster.server.get('v1', 'Pod', 'default', 'web')!.spec as {
        ephemeralContainers: { name: string; image: string; targetContainerName?: string }[];
      }
    ).ephemeralContainers;
    assert.deepEqual(
      eph.map((e) => [e.name, e.image, e.targetContainerName]),
      [['dbg', 'busybox:1.36', 'app']],
    );
    assert.ok(
      cluster.server.requests.some((q) => q.method === 'PATCH' && q.path === '/api/v1/namespaces/default/pods/web/ephemeralcontainers'),
    );
    const again = await kubectl('debug', 'web', '--image=busybox:1.36', '-c', 'app', '--profile=general');
    assert.notEqual(again.status, 0);
    assert.match(again.stderr, /Duplicate value: "app"/);
  });

  it('kubectl rollout pause and set image write what Shipshape writes', async () => {
    cluster.server.put({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'example/app:1' }] } },
      },
    });
    const p = await kubectl('rollout', 'pause', 'deployment/web');
    assert.equal(p.status, 0, p.stderr);
    assert.equal((cluster.server.get('apps/v1', 'Deployment', 'default', 'web')!.spec as { paused?: boolean }).paused, true);
    const s = await kubectl('set', 'image', 'deployment/web', 'app=example/app:2');
    assert.equal(s.status, 0, s.stderr);
    const d = cluster.server.get('apps/v1', 'Deployment', 'default', 'web')!;
    assert.equal(
      (d.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]!.image,
      'example/app:2',
    );
  });
});
