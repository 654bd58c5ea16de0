import * as assert from 'node:assert/strict';
import { ProblemError } from '../../../../client/src/cluster/errors';
import { rolloutRestart } from '../../../../client/src/cluster/operations/rollout';
import {
  containerImages,
  jobFromCronJob,
  manualJobName,
  setCronJobSuspended,
  setImage,
  setRolloutPaused,
  triggerCronJob,
  validateImage,
} from '../../../../client/src/cluster/operations/workload';
import type { KObject } from '../../../kube-api-server/server';
import { useCluster } from '../env';

const template = {
  metadata: { labels: { app: 'report' }, annotations: { team: 'data' } },
  spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'run', image: 'example/report:1.0' }] } } },
};

function cronJob(): KObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'nightly-report', namespace: 'default' },
    spec: { schedule: '0 2 * * *', jobTemplate: template },
  };
}

function workload(kind: string, name: string): KObject {
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: { name, namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          initContainers: [{ name: 'migrate', image: 'example/migrate:1' }],
          containers: [
            { name: 'app', image: 'example/app:1' },
            { name: 'proxy', image: 'example/proxy:1' },
          ],
        },
      },
    },
  };
}

describe('cluster/operations/workload', () => {
  const cluster = useCluster();

  it('runs a CronJob now: a Job from its template, annotated manual, owned by the CronJob', async () => {
    const cj = cluster.server.put(cronJob());
    const job = await triggerCronJob(
      cluster.api,
      { kind: 'CronJob', namespace: 'default', name: 'nightly-report' },
      'nightly-report-manual-abcde',
    );
    assert.equal(job.metadata.name, 'nightly-report-manual-abcde');
    const stored = cluster.server.get('batch/v1', 'Job', 'default', 'nightly-report-manual-abcde')!;
    assert.deepEqual(stored.metadata.annotations, { 'cronjob.kubernetes.io/instantiate': 'manual', team: 'data' });
    assert.deepEqual(stored.metadata.labels, { app: 'report' });
    assert.deepEqual(stored.metadata.ownerReferences, [
      { apiVersion: 'batch/v1', kind: 'CronJob', name: 'nightly-report', uid: cj.metadata.uid, controller: true },
    ]);
    assert.deepEqual(stored.spec, template.spec);
    const post = cluster.server.requests.find((r) => r.method === 'POST')!;
    assert.equal(post.path, '/apis/batch/v1/namespaces/default/jobs');
  });

  it('names manual Jobs <cronjob>-manual-<5> within 63 characters', () => {
    assert.equal(manualJobName('nightly', 'x1y2z'), 'nightly-manual-x1y2z');
    const long = manualJobName('a'.repeat(70), 'abcde');
    assert.equal(long, `${'a'.repeat(50)}-manual-abcde`);
    assert.equal(long.length, 63);
    assert.match(manualJobName('nightly'), /^nightly-manual-[0-9a-f]{5}$/);
    assert.equal(jobFromCronJob(cronJob(), 'j').metadata.namespace, 'default');
  });

  it('suspends and resumes a CronJob', async () => {
    cluster.server.put(cronJob());
    const ref = { kind: 'CronJob', namespace: 'default', name: 'nightly-report' };
    await setCronJobSuspended(cluster.api, ref, true);
    assert.equal((cluster.server.get('batch/v1', 'CronJob', 'default', 'nightly-report')!.spec as { suspend?: boolean }).suspend, true);
    await setCronJobSuspended(cluster.api, ref, false);
    assert.equal((cluster.server.get('batch/v1', 'CronJob', 'default', 'nightly-report')!.spec as { suspend?: boolean }).suspend, false);
    await assert.rejects(setCronJobSuspended(cluster.api, { ...ref, kind: 'Deployment' }, true), /Deployment has no schedule to suspend/);
  });

  it('pauses and resumes a Deployment rollout; pausing twice says so', async () => {
    cluster.server.put(workload('Deployment', 'web'));
    const ref = { kind: 'Deployment', namespace: 'default', name: 'web' };
    await setRolloutPaused(cluster.api, ref, true);
    assert.equal((cluster.server.get('apps/v1', 'Deployment', 'default', 'web')!.spec as { paused?: boolean }).paused, true);
    await assert.rejects(
      setRolloutPaused(cluster.api, ref, true),
      (e: unknown) => e instanceof ProblemError && e.problem.message === 'Deployment web is already paused.',
    );
    await assert.rejects(rolloutRestart(cluster.api, ref), /web is paused; resume it before restarting/);
    await setRolloutPaused(cluster.api, ref, false);
    assert.equal('paused' in (cluster.server.get('apps/v1', 'Deployment', 'default', 'web')!.spec as object), false);
    await assert.rejects(setRolloutPaused(cluster.api, { ...ref, kind: 'StatefulSet' }, true), /Only Deployments can pause a rollout/);
  });

  it('restarts a StatefulSet and a DaemonSet with the restartedAt annotation', async () => {
    const at = new Date('2026-12-07T01:00:00Z');
    for (const kind of ['StatefulSet', 'DaemonSet']) {
      cluster.server.put(workload(kind, 'db'));
      await rolloutRestart(cluster.api, { kind, namespace: 'default', name: 'db' }, at);
      const t = (
        cluster.server.get('apps/v1', kind, 'default', 'db')!.spec as { template: { metadata: { annotations?: Record<string, string> } } }
      ).template;
      assert.deepEqual(t.metadata.annotations, { 'kubectl.kubernetes.io/restartedAt': '2026-12-07T01:00:00.000Z' }, kind);
    }
  });

  it('sets the image of one container (init containers too), leaving the others', async () => {
    cluster.server.put(workload('Deployment', 'web'));
    const ref = { kind: 'Deployment', namespace: 'default', name: 'web' };
    await setImage(cluster.api, ref, 'proxy', 'example/proxy:2');
    await setImage(cluster.api, ref, 'migrate', 'example/migrate:2');
    const d = cluster.server.get('apps/v1', 'Deployment', 'default', 'web')!;
    assert.deepEqual(containerImages(d), [
      { name: 'migrate', image: 'example/migrate:2', init: true },
      { name: 'app', image: 'example/app:1', init: false },
      { name: 'proxy', image: 'example/proxy:2', init: false },
    ]);
    await assert.rejects(
      setImage(cluster.api, ref, 'nope', 'x:1'),
      (e: unknown) =>
        e instanceof ProblemError &&
        e.problem.message === 'Deployment web has no container "nope".' &&
        e.problem.hint === 'Its containers: migrate, app, proxy.',
    );
  });

  it('sets the image of a CronJob container (the job template)', async () => {
    cluster.server.put(cronJob());
    await setImage(cluster.api, { kind: 'CronJob', namespace: 'default', name: 'nightly-report' }, 'run', 'example/report:2');
    assert.deepEqual(containerImages(cluster.server.get('batch/v1', 'CronJob', 'default', 'nightly-report')!), [
      { name: 'run', image: 'example/report:2', init: false },
    ]);
  });

  it('sets the image of a ReplicationController container, as kubectl set image does', async () => {
    const rc = workload('ReplicationController', 'legacy');
    rc.apiVersion = 'v1';
    (rc.spec as { selector: unknown }).selector = { app: 'legacy' };
    cluster.server.put(rc);
    await setImage(cluster.api, { kind: 'ReplicationController', namespace: 'default', name: 'legacy' }, 'app', 'example/app:2');
    assert.deepEqual(containerImages(cluster.server.get('v1', 'ReplicationController', 'default', 'legacy')!), [
      { name: 'migrate', image: 'example/migrate:1', init: true },
      { name: 'app', image: 'example/app:2', init: false },
      { name: 'proxy', image: 'example/proxy:1', init: false },
    ]);
  });

  it('validates image references', () => {
    assert.equal(validateImage('nginx:1.27'), undefined);
    assert.equal(validateImage(`registry.example.com:5000/team/app@sha256:${'a'.repeat(64)}`), undefined);
    assert.equal(validateImage('nginx 1.27'), 'An image reference has no spaces.');
    assert.equal(validateImage(''), 'An image, e.g. nginx:1.27 or registry.example.com/team/app@sha256:…');
    assert.equal(validateImage('nginx:'), 'Not an image reference.');
  });
});
