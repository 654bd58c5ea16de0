/**
 * Fidelity of what live edit, filtering and access checks use, proven with the real `kubectl`
 * (skips when it is not on PATH): `auth can-i` (SelfSubjectAccessReview from the RBAC objects the
 * server holds; kubectl sends the review as protobuf), label selectors across all namespaces, and
 * server-side apply dry-runs (validated against the server's OpenAPI v3, as kubectl does by default).
 */
import * as assert from 'node:assert/strict';
import { pod, useCluster } from './env';
import { useKubectl } from './kubectl-runner';

describe('test API server fidelity: kubectl auth can-i, -A -l, apply --server-side --dry-run=server', function () {
  const cluster = useCluster();
  const { run: kubectl } = useKubectl(cluster);

  it('kubectl auth can-i answers from Roles and RoleBindings', async () => {
    cluster.server.put({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'pod-reader', namespace: 'default' },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }],
    });
    cluster.server.put({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'alice-reads', namespace: 'default' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
      subjects: [{ kind: 'User', name: 'alice' }],
    });
    cluster.server.authorization.user = { name: 'alice', groups: ['system:authenticated'] };
    const yes = await kubectl(['auth', 'can-i', 'list', 'pods', '-n', 'default']);
    assert.equal(yes.stdout, 'yes\n', yes.stderr);
    assert.equal(yes.status, 0);
    const no = await kubectl(['auth', 'can-i', 'delete', 'pods', '-n', 'default']);
    assert.equal(no.stdout, 'no\n', no.stderr);
    assert.equal(no.status, 1);
    const elsewhere = await kubectl(['auth', 'can-i', 'get', 'pods', '-n', 'shop']);
    assert.equal(elsewhere.stdout, 'no\n', elsewhere.stderr);
    assert.ok(
      cluster.server.requests.some((r) => r.method === 'POST' && r.path === '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews'),
    );
  });

  it('kubectl get pods -A -l selects across namespaces', async () => {
    cluster.server.put(pod('web-1', { labels: { app: 'web' } }));
    cluster.server.put(pod('web-2', { namespace: 'shop', labels: { app: 'web' } }));
    cluster.server.put(pod('api-1', { namespace: 'shop', labels: { app: 'api' } }));
    const r = await kubectl(['get', 'pods', '-A', '-l', 'app=web', '-o', 'name']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'pod/web-1\npod/web-2\n');
    const list = cluster.server.requests.find((q) => q.path === '/api/v1/pods');
    assert.equal(list?.query.get('labelSelector'), 'app=web');
  });

  it('kubectl apply --server-side --dry-run=server stores nothing; a conflict is refused until forced', async () => {
    const cm = (v: string): string =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\ndata:\n  mode: ${v}\n`;
    const first = await kubectl(['apply', '--server-side', '--field-manager=helm', '-f', '-'], cm('slow'));
    assert.equal(first.status, 0, first.stderr);
    const dry = await kubectl(['apply', '--server-side', '--field-manager=helm', '--dry-run=server', '-f', '-'], cm('fast'));
    assert.equal(dry.status, 0, dry.stderr);
    assert.equal((cluster.server.get('v1', 'ConfigMap', 'default', 'settings')!.data as Record<string, string>).mode, 'slow');
    const conflict = await kubectl(['apply', '--server-side', '--field-manager=shipshape', '-f', '-'], cm('fast'));
    assert.notEqual(conflict.status, 0);
    assert.match(conflict.stderr, /conflict with "helm"/);
    const forced = await kubectl(['apply', '--server-side', '--field-manager=shipshape', '--force-conflicts', '-f', '-'], cm('fast'));
    assert.equal(forced.status, 0, forced.stderr);
    assert.equal((cluster.server.get('v1', 'ConfigMap', 'default', 'settings')!.data as Record<string, string>).mode, 'fast');
  });
});
