/**
 * Fidelity of the test API server's OpenAPI v3 and server-side field validation, proven with the
 * real `kubectl` (skips when it is not on PATH): kubectl reads `/openapi/v3`, finds the
 * `fieldValidation` parameter on the kind's write operations and leaves `--validate=strict|warn`
 * to the server.
 */
import * as assert from 'node:assert/strict';
import { OpenApiV3, openApiV3, unknownFields } from '../../kube-api-server/openapi';
import { BUILTIN_TYPES } from '../../kube-api-server/resources';
import { useCluster } from './env';
import { haveKubectl, useKubectl } from './kubectl-runner';

function deployment(containerExtra = ''): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    '  namespace: default',
    'spec:',
    '  replicas: 1',
    '  selector:',
    '    matchLabels: { app: web }',
    '  template:',
    '    metadata:',
    '      labels: { app: web }',
    '    spec:',
    '      containers:',
    '        - name: web',
    '          image: nginx:1.27',
    ...(containerExtra ? [`          ${containerExtra}`] : []),
    '',
  ].join('\n');
}

describe('test API server OpenAPI v3 documents', () => {
  it('indexes one document per built-in group-version, each with a GVK-tagged schema per kind', () => {
    const v3 = openApiV3();
    const index = v3.index() as { paths: Record<string, { serverRelativeURL: string }> };
    const gvs = new Set(BUILTIN_TYPES.map((t) => (t.group ? `apis/${t.group}/${t.version}` : `api/${t.version}`)));
    assert.deepEqual(Object.keys(index.paths).sort(), [...gvs].sort());
    assert.match(index.paths['apis/apps/v1'].serverRelativeURL, /^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]{128}$/);
    for (const t of BUILTIN_TYPES) {
      const key = t.group ? `apis/${t.group}/${t.version}` : `api/${t.version}`;
      const doc = JSON.parse(v3.document(key)!) as { components: { schemas: Record<string, Record<string, unknown>> } };
      const tagged = Object.values(doc.components.schemas).filter((s) =>
        (s['x-kubernetes-group-version-kind'] as { kind: string }[] | undefined)?.some((g) => g.kind === t.kind),
      );
      assert.equal(tagged.length, 1, `${key} ${t.kind}`);
    }
  });

  it('resolves every $ref to a schema of the same document', () => {
    const v3 = new OpenApiV3(BUILTIN_TYPES);
    const text = v3.document('apis/apps/v1')!;
    const doc = JSON.parse(text) as { components: { schemas: Record<string, unknown> } };
    const refs = [...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    assert.ok(refs.includes('PodSpec'));
    for (const r of refs) assert.ok(doc.components.schemas[r], r);
    const container = doc.components.schemas.Container as { properties: Record<string, unknown> };
    assert.deepEqual(container.properties.image, { type: 'string' });
  });

  it('names unknown fields by their path; patch directives and open objects are not fields', () => {
    const deploy = BUILTIN_TYPES.find((t) => t.kind === 'Deployment')!;
    const body = {
      metadata: { name: 'web', labels: { anything: 'goes' }, colour: 'red' },
      spec: {
        template: {
          spec: {
            $setElementOrder: [],
            containers: [
              { name: 'web', image: 'nginx' },
              { name: 'b', imagePullPolcy: 'Always' },
            ],
          },
        },
      },
    };
    assert.deepEqual(unknownFields(deploy, body), ['metadata.colour', 'spec.template.spec.containers[1].imagePullPolcy']);
    assert.deepEqual(unknownFields(deploy, { spec: { replicas: null } }), []);
  });
});

describe('test API server fidelity: kubectl apply --validate against OpenAPI v3', function () {
  before(function () {
    if (!haveKubectl) console.log('    kubectl not on PATH: skipping');
  });
  const cluster = useCluster();
  const { run: kubectl } = useKubectl(cluster);

  it('--validate=strict --dry-run=server accepts a valid Deployment and reads /openapi/v3', async () => {
    const r = await kubectl(['apply', '--validate=strict', '--dry-run=server', '-f', '-'], deployment());
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'deployment.apps/web created (server dry run)\n');
    assert.equal(r.stderr, '');
    assert.ok(cluster.server.requests.some((q) => q.path === '/openapi/v3'));
    assert.ok(cluster.server.requests.some((q) => q.path === '/openapi/v3/apis/apps/v1'));
    const create = cluster.server.requests.find((q) => q.method === 'POST' && q.path === '/apis/apps/v1/namespaces/default/deployments');
    assert.equal(create?.query.get('fieldValidation'), 'Strict');
    assert.equal(cluster.server.get('apps/v1', 'Deployment', 'default', 'web'), undefined);
  });

  it('--validate=strict refuses an unknown container field, naming it', async () => {
    const r = await kubectl(['apply', '--validate=strict', '--dry-run=server', '-f', '-'], deployment('imagePullPolcy: Always'));
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /strict decoding error: unknown field "spec\.template\.spec\.containers\[0\]\.imagePullPolcy"/, r.stderr);
    assert.equal(cluster.server.get('apps/v1', 'Deployment', 'default', 'web'), undefined);
  });

  it('--validate=strict refuses an unknown field in a patch of a live object', async () => {
    assert.equal((await kubectl(['apply', '-f', '-'], deployment())).status, 0);
    const r = await kubectl(['apply', '--validate=strict', '-f', '-'], deployment('imagePullPolcy: Always'));
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /unknown field "spec\.template\.spec\.containers\[0\]\.imagePullPolcy"/, r.stderr);
  });

  it('--validate=warn warns about the unknown field and applies', async () => {
    const r = await kubectl(['apply', '--validate=warn', '-f', '-'], deployment('imagePullPolcy: Always'));
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'deployment.apps/web created\n');
    assert.match(r.stderr, /^Warning: unknown field "spec\.template\.spec\.containers\[0\]\.imagePullPolcy"$/m);
    assert.ok(cluster.server.get('apps/v1', 'Deployment', 'default', 'web'));
  });
});
