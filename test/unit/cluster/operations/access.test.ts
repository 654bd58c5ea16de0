import * as assert from 'node:assert/strict';
import { canI, ruleVerbs, whoCan, whoCanMarkdown } from '../../../../client/src/cluster/operations/access';
import { useCluster } from '../env';

const RBAC = 'rbac.authorization.k8s.io/v1';

describe('cluster/operations/access', () => {
  const cluster = useCluster();

  function grantAlice(): void {
    cluster.server.put({
      apiVersion: RBAC,
      kind: 'Role',
      metadata: { name: 'pod-reader', namespace: 'default' },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }],
    });
    cluster.server.put({
      apiVersion: RBAC,
      kind: 'RoleBinding',
      metadata: { name: 'alice-reads', namespace: 'default' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
      subjects: [{ kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' }],
    });
    cluster.server.put({
      apiVersion: RBAC,
      kind: 'ClusterRole',
      metadata: { name: 'web-editor' },
      rules: [{ apiGroups: [''], resources: ['pods'], resourceNames: ['web'], verbs: ['*'] }],
    });
    cluster.server.put({
      apiVersion: RBAC,
      kind: 'ClusterRoleBinding',
      metadata: { name: 'deployers' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'web-editor' },
      subjects: [
        { kind: 'ServiceAccount', name: 'deployer', namespace: 'ci' },
        { kind: 'Group', name: 'oncall' },
      ],
    });
  }

  it('"Can I…?" asks a SelfSubjectAccessReview for the current user', async () => {
    grantAlice();
    cluster.server.authorization.user = { name: 'alice', groups: ['system:authenticated'] };
    const yes = await canI(cluster.api, { verb: 'list', group: '', resource: 'pods', namespace: 'default' });
    assert.deepEqual(yes, {
      allowed: true,
      denied: false,
      reason: 'RBAC: allowed by RoleBinding "alice-reads/default" of Role "pod-reader" to User "alice"',
      evaluationError: undefined,
    });
    assert.equal((await canI(cluster.api, { verb: 'delete', group: '', resource: 'pods', namespace: 'default' })).allowed, false);
    assert.equal((await canI(cluster.api, { verb: 'list', group: '', resource: 'pods', namespace: 'shop' })).allowed, false);
    const sent = cluster.server.requests.find((r) => r.method === 'POST')!;
    assert.equal(sent.path, '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews');
  });

  it('"Who can…?" lists the bound subjects with the verbs each SubjectAccessReview confirmed', async () => {
    grantAlice();
    const w = await whoCan(cluster.api, { group: '', resource: 'pods', namespace: 'default', name: 'web' });
    assert.deepEqual(
      w.rows.map((r) => [
        `${r.subject.kind} ${r.subject.namespace ?? ''}/${r.subject.name}`,
        r.binding.name,
        r.verbs.join(','),
        r.confirmed?.join(','),
      ]),
      [
        ['ServiceAccount ci/deployer', 'deployers', 'get,update,patch,delete', 'get,update,patch,delete'],
        ['Group /oncall', 'deployers', 'get,update,patch,delete', 'get,update,patch,delete'],
        ['User /alice', 'alice-reads', 'get,list', 'get,list'],
      ],
    );
    assert.deepEqual(w.notes, []);
    const reviews = cluster.server.requests.filter((r) => r.path === '/apis/authorization.k8s.io/v1/subjectaccessreviews');
    assert.equal(reviews.length, 10);
    // Another pod is not named by the ClusterRole: only Alice's Role applies.
    const other = await whoCan(cluster.api, { group: '', resource: 'pods', namespace: 'default', name: 'db' });
    assert.deepEqual(
      other.rows.map((r) => r.subject.name),
      ['alice'],
    );
    const md = whoCanMarkdown('Pod default/web', 'test', w);
    assert.ok(
      md.includes('| ServiceAccount ci/deployer | get, update, patch, delete | ClusterRoleBinding deployers → ClusterRole web-editor |'),
      md,
    );
  });

  it('"Who can…?" says when reviews cannot be made and keeps the verbs from the rules', async () => {
    grantAlice();
    cluster.server.forbid(/subjectaccessreviews/);
    const w = await whoCan(cluster.api, { group: '', resource: 'pods', namespace: 'default', name: 'web' });
    assert.equal(w.rows.length, 3);
    assert.ok(w.rows.every((r) => r.confirmed === undefined));
    assert.equal(w.notes.length, 1);
    assert.match(w.notes[0], /^SubjectAccessReviews could not be made \(.*\): the verbs are from the rules, unconfirmed\.$/);
    assert.match(whoCanMarkdown('Pod default/web', 'test', w), /\| User alice \| get, list \(unconfirmed\) \|/);
  });

  it('rules: groups, resources, subresources and resourceNames', () => {
    const q = { group: 'apps', resource: 'deployments', name: 'web' };
    assert.deepEqual(ruleVerbs({ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'patch'] }, q, ['get', 'list', 'patch']), [
      'get',
      'patch',
    ]);
    assert.deepEqual(ruleVerbs({ apiGroups: [''], resources: ['deployments'], verbs: ['*'] }, q, ['get']), []);
    assert.deepEqual(ruleVerbs({ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }, q, ['get', 'delete']), ['get', 'delete']);
    assert.deepEqual(
      ruleVerbs({ apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['web'], verbs: ['*'] }, q, ['get', 'list', 'watch']),
      ['get'],
    );
    assert.deepEqual(
      ruleVerbs({ apiGroups: ['apps'], resources: ['deployments/scale'], verbs: ['patch'] }, { ...q, subresource: 'scale' }, ['patch']),
      ['patch'],
    );
  });
});
