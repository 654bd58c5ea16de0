import * as assert from 'node:assert/strict';
import type { KubeObject } from '../../../client/src/cluster/api';
import { containerSummaries, matchesSelector, podSummary, selectorOf, workloadSummary } from '../../../client/src/cluster/status';

function podWith(status: Record<string, unknown>, metadata: Record<string, unknown> = {}): KubeObject {
  return { kind: 'Pod', metadata: { name: 'p', namespace: 'default', ...metadata }, spec: { containers: [{ name: 'app' }] }, status };
}
function waiting(reason: string, last?: Record<string, unknown>): Record<string, unknown> {
  return {
    phase: reason === 'ContainerCreating' ? 'Pending' : 'Running',
    containerStatuses: [
      {
        name: 'app',
        ready: false,
        restartCount: 4,
        state: { waiting: { reason, message: `msg ${reason}` } },
        lastState: last ? { terminated: last } : {},
      },
    ],
  };
}

describe('cluster/status: pod classification', () => {
  const cases: [string, KubeObject, string, string][] = [
    ['Running', podWith({ phase: 'Running', containerStatuses: [{ name: 'app', ready: true, state: { running: {} } }] }), 'Running', 'ok'],
    [
      'Running, not ready',
      podWith({ phase: 'Running', containerStatuses: [{ name: 'app', ready: false, state: { running: {} } }] }),
      'Running',
      'warning',
    ],
    [
      'Pending (unscheduled)',
      podWith({
        phase: 'Pending',
        conditions: [{ type: 'PodScheduled', status: 'False', message: '0/3 nodes are available: insufficient cpu.' }],
      }),
      'Pending',
      'progress',
    ],
    ['ContainerCreating', podWith(waiting('ContainerCreating')), 'ContainerCreating', 'progress'],
    ['CrashLoopBackOff', podWith(waiting('CrashLoopBackOff', { reason: 'Error', exitCode: 1 })), 'CrashLoopBackOff', 'error'],
    ['ImagePullBackOff', podWith(waiting('ImagePullBackOff')), 'ImagePullBackOff', 'error'],
    ['ErrImagePull', podWith(waiting('ErrImagePull')), 'ErrImagePull', 'error'],
    ['CreateContainerConfigError', podWith(waiting('CreateContainerConfigError')), 'CreateContainerConfigError', 'error'],
    [
      'OOMKilled (terminated)',
      podWith({ phase: 'Running', containerStatuses: [{ name: 'app', state: { terminated: { reason: 'OOMKilled', exitCode: 137 } } }] }),
      'OOMKilled',
      'error',
    ],
    ['OOMKilled (crash looping)', podWith(waiting('CrashLoopBackOff', { reason: 'OOMKilled', exitCode: 137 })), 'OOMKilled', 'error'],
    ['Evicted', podWith({ phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.' }), 'Evicted', 'error'],
    [
      'Completed',
      podWith({ phase: 'Succeeded', containerStatuses: [{ name: 'app', state: { terminated: { reason: 'Completed', exitCode: 0 } } }] }),
      'Completed',
      'done',
    ],
    [
      'Terminating',
      podWith(
        { phase: 'Running', containerStatuses: [{ name: 'app', ready: true, state: { running: {} } }] },
        { deletionTimestamp: '2026-11-23T10:00:00Z' },
      ),
      'Terminating',
      'progress',
    ],
    [
      'Error exit',
      podWith({ phase: 'Running', containerStatuses: [{ name: 'app', state: { terminated: { reason: 'Error', exitCode: 2 } } }] }),
      'Error',
      'error',
    ],
    [
      'Init:CrashLoopBackOff',
      podWith({ phase: 'Pending', initContainerStatuses: [{ name: 'init', state: { waiting: { reason: 'CrashLoopBackOff' } } }] }),
      'Init:CrashLoopBackOff',
      'error',
    ],
  ];
  for (const [title, p, status, severity] of cases) {
    it(`classifies ${title}`, () => {
      const s = podSummary(p);
      assert.equal(s.status, status);
      assert.equal(s.severity, severity);
    });
  }

  /** A pod with a classic init container `migrate`, a native sidecar `proxy` and the main container `app`. */
  function withSidecar(status: Record<string, unknown>): KubeObject {
    return {
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'default' },
      spec: {
        initContainers: [{ name: 'migrate' }, { name: 'proxy', restartPolicy: 'Always' }],
        containers: [{ name: 'app' }],
      },
      status,
    };
  }
  const migrated = { name: 'migrate', restartCount: 0, state: { terminated: { reason: 'Completed', exitCode: 0 } } };

  it('counts a started native sidecar as initialized and in ready/total, as kubectl does', () => {
    const s = podSummary(
      withSidecar({
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'True' }],
        initContainerStatuses: [migrated, { name: 'proxy', ready: true, started: true, restartCount: 1, state: { running: {} } }],
        containerStatuses: [{ name: 'app', ready: true, started: true, restartCount: 0, state: { running: {} } }],
      }),
    );
    assert.deepEqual([s.status, s.severity, s.ready, s.total, s.restarts], ['Running', 'ok', 2, 2, 1]);
  });

  it('shows Init:1/2 while a native sidecar has not started, out of all init containers', () => {
    const s = podSummary(
      withSidecar({
        phase: 'Pending',
        initContainerStatuses: [migrated, { name: 'proxy', ready: false, started: false, state: { running: {} } }],
        containerStatuses: [{ name: 'app', ready: false, state: { waiting: { reason: 'PodInitializing' } } }],
      }),
    );
    assert.deepEqual([s.status, s.severity, s.ready, s.total], ['Init:1/2', 'progress', 0, 2]);
  });

  it('reads the main containers once the Initialized condition is True, even with a sidecar restarting', () => {
    const s = podSummary(
      withSidecar({
        phase: 'Running',
        conditions: [{ type: 'Initialized', status: 'True' }],
        initContainerStatuses: [
          migrated,
          { name: 'proxy', ready: false, started: false, state: { waiting: { reason: 'CrashLoopBackOff' } } },
        ],
        containerStatuses: [{ name: 'app', ready: false, state: { waiting: { reason: 'ImagePullBackOff' } } }],
      }),
    );
    assert.equal(s.status, 'ImagePullBackOff');
  });

  it('names the OOM exit code and the CrashLoopBackOff in the detail', () => {
    const s = podSummary(podWith(waiting('CrashLoopBackOff', { reason: 'OOMKilled', exitCode: 137 })));
    assert.equal(s.detail, 'Container app was OOMKilled (exit 137) and is in CrashLoopBackOff.');
    assert.equal(s.restarts, 4);
  });

  it('prefers an error container over a progressing one', () => {
    const p = podWith({
      phase: 'Running',
      containerStatuses: [
        { name: 'a', state: { waiting: { reason: 'ContainerCreating' } } },
        { name: 'b', state: { waiting: { reason: 'ImagePullBackOff' } } },
      ],
    });
    assert.equal(podSummary(p).status, 'ImagePullBackOff');
  });

  it('describes containers with state, restarts and last termination', () => {
    const p = podWith(waiting('CrashLoopBackOff', { reason: 'OOMKilled', exitCode: 137 }));
    assert.deepEqual(containerSummaries(p), [
      {
        name: 'app',
        init: false,
        state: 'waiting: CrashLoopBackOff',
        severity: 'error',
        ready: false,
        restarts: 4,
        image: undefined,
        lastTermination: 'OOMKilled, exit 137',
      },
    ]);
  });
});

describe('cluster/status: workloads', () => {
  it('counts ready replicas', () => {
    assert.deepEqual(
      workloadSummary({ kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas: 3 }, status: { readyReplicas: 2 } }),
      {
        ready: 2,
        desired: 3,
        text: '2/3',
        severity: 'warning',
      },
    );
    assert.equal(workloadSummary({ kind: 'StatefulSet', metadata: { name: 's' }, spec: { replicas: 2 }, status: {} })!.severity, 'error');
    assert.equal(
      workloadSummary({ kind: 'DaemonSet', metadata: { name: 'd' }, status: { numberReady: 3, desiredNumberScheduled: 3 } })!.text,
      '3/3',
    );
    assert.equal(
      workloadSummary({ kind: 'Job', metadata: { name: 'j' }, spec: { completions: 1 }, status: { succeeded: 1 } })!.severity,
      'done',
    );
    assert.equal(workloadSummary({ kind: 'CronJob', metadata: { name: 'c' }, spec: { suspend: true } })!.text, 'suspended');
  });

  it('turns selectors into query strings', () => {
    assert.equal(
      selectorOf({ kind: 'Deployment', metadata: { name: 'd' }, spec: { selector: { matchLabels: { app: 'web', tier: 'fe' } } } }),
      'app=web,tier=fe',
    );
    assert.equal(selectorOf({ kind: 'Service', metadata: { name: 's' }, spec: { selector: { app: 'web' } } }), 'app=web');
    assert.equal(
      selectorOf({
        kind: 'Deployment',
        metadata: { name: 'd' },
        spec: { selector: { matchExpressions: [{ key: 'env', operator: 'In', values: ['a', 'b'] }] } },
      }),
      'env in (a,b)',
    );
  });

  it('matches set-based selectors as the API server does', () => {
    const sel = 'app=web,tier in (fe, be),!canary,env notin (prod),track!=beta';
    const labels = (extra: Record<string, string>): Record<string, string> => ({ app: 'web', tier: 'fe', ...extra });
    assert.deepEqual(
      [
        labels({}),
        labels({ tier: 'db' }),
        labels({ canary: 'true' }),
        labels({ env: 'prod' }),
        labels({ env: 'dev', track: 'stable' }),
        labels({ track: 'beta' }),
        { tier: 'fe' },
      ].map((l) => matchesSelector(l, sel)),
      [true, false, false, false, true, false, false],
    );
    assert.equal(matchesSelector({ a: 'b' }, 'a'), true);
    assert.equal(matchesSelector({ a: 'b' }, 'a in (b'), false);
  });
});
