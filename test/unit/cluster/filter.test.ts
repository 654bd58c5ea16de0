import * as assert from 'node:assert/strict';
import { formatFilter, hasStatus, isEmptyFilter, matchesFilter, parseFilter } from '../../../client/src/cluster/filter';
import { pod } from './env';

describe('cluster/filter: list filters', () => {
  it('parses name words, label terms and a status', () => {
    assert.deepEqual(parseFilter('  Web  app=api tier!=db team==a is:not-ready '), {
      names: ['web'],
      labelSelector: 'app=api,tier!=db,team=a',
      status: 'not-ready',
    });
    assert.deepEqual(parseFilter('app.kubernetes.io/name=web is:notready'), {
      names: [],
      labelSelector: 'app.kubernetes.io/name=web',
      status: 'not-ready',
    });
    assert.equal(formatFilter(parseFilter('web app=api is:restarting')), 'web app=api is:restarting');
    assert.equal(isEmptyFilter(parseFilter('   ')), true);
    assert.equal(isEmptyFilter(parseFilter('x')), false);
  });

  it('rejects terms the API server would refuse, and unknown statuses', () => {
    assert.throws(() => parseFilter('-app=web'), /"-app" is not a label key\./);
    assert.throws(() => parseFilter('app=we$b'), /"we\$b" is not a label value\./);
    assert.throws(() => parseFilter('is:sad'), /Unknown status "sad": use is:not-ready, is:restarting, is:failing\./);
    assert.throws(() => parseFilter('is:failing is:restarting'), /One status at a time\./);
  });

  it('matches names case-insensitively, every word', () => {
    const f = parseFilter('WEB 2');
    assert.equal(matchesFilter(pod('web-2'), f), true);
    assert.equal(matchesFilter(pod('web-1'), f), false);
    assert.equal(matchesFilter(pod('api-2'), f), false);
    assert.equal(matchesFilter(pod('anything'), undefined), true);
  });

  it('pods: not ready, restarting and failing', () => {
    const ready = pod('ok');
    const crashing = pod('crash', {
      status: {
        phase: 'Running',
        containerStatuses: [{ name: 'app', ready: false, restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } } }],
      },
    });
    const starting = pod('start', {
      status: { phase: 'Running', containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { running: {} } }] },
    });
    const done = pod('done', {
      status: {
        phase: 'Succeeded',
        containerStatuses: [{ name: 'app', ready: false, state: { terminated: { reason: 'Completed', exitCode: 0 } } }],
      },
    });
    assert.deepEqual(
      [ready, crashing, starting, done].map((p) => [hasStatus(p, 'not-ready'), hasStatus(p, 'restarting'), hasStatus(p, 'failing')]),
      [
        [false, false, false],
        [true, true, true],
        [true, false, false],
        [false, false, false],
      ],
    );
  });

  it('workloads: not ready and failing by ready counts; never restarting', () => {
    const d = (ready: number, replicas: number): Parameters<typeof hasStatus>[0] => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas },
      status: { readyReplicas: ready },
    });
    assert.deepEqual(
      [hasStatus(d(2, 2), 'not-ready'), hasStatus(d(1, 2), 'not-ready'), hasStatus(d(0, 2), 'failing')],
      [false, true, true],
    );
    assert.equal(hasStatus(d(1, 2), 'failing'), false);
    assert.equal(hasStatus(d(0, 2), 'restarting'), false);
    assert.equal(hasStatus({ kind: 'ConfigMap', metadata: { name: 'c' } }, 'not-ready'), false);
  });
});
