import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundledKubernetesVersion, resolveSchema, schemaAt } from '../../server/src/k8s/schema';
import { lintString } from './helpers';

describe('k8s schema API', () => {
  it('describes Kubernetes 1.36 built-in kinds', () => {
    assert.equal(bundledKubernetesVersion(), '1.36');
    for (const [v, k] of [
      ['v1', 'Pod'],
      ['apps/v1', 'Deployment'],
      ['batch/v1', 'CronJob'],
      ['networking.k8s.io/v1', 'Ingress'],
      ['policy/v1', 'PodDisruptionBudget'],
      ['autoscaling/v2', 'HorizontalPodAutoscaler'],
      ['resource.k8s.io/v1', 'ResourceClaim'],
      ['source.toolkit.fluxcd.io/v1', 'OCIRepository'],
      ['kustomize.toolkit.fluxcd.io/v1', 'Kustomization'],
      ['argoproj.io/v1alpha1', 'AppProject'],
      ['cert-manager.io/v1', 'Issuer'],
      ['dapr.io/v1alpha1', 'Component'],
    ] as const) {
      assert.equal(resolveSchema(v, k, undefined).status, 'schema', `${v} ${k}`);
    }
  });
  it('gives type, description and requiredness at a path', () => {
    const image = schemaAt('apps/v1', 'Deployment', ['spec', 'template', 'spec', 'containers', 0, 'image']);
    assert.equal(image?.type, 'string');
    assert.match(image?.description ?? '', /^Container image name/);
    assert.equal(image?.required, false);
    const containers = schemaAt('v1', 'Pod', ['spec', 'containers']);
    assert.equal(containers?.type, 'Container[]');
    assert.equal(containers?.required, true);
    assert.equal(schemaAt('v1', 'Pod', ['spec', 'containers', 0, 'imagePullPolicy'])?.type, '"Always" | "IfNotPresent" | "Never"');
    assert.equal(schemaAt('v1', 'Pod', ['metadata', 'labels', 'app'])?.type, 'string');
    assert.equal(schemaAt('apps/v1', 'Deployment', ['spec', 'strategy', 'rollingUpdate', 'maxSurge'])?.type, 'int-or-string');
    assert.equal(schemaAt('v1', 'Pod', ['spec', 'nope']), undefined);
    assert.equal(schemaAt('example.com/v1', 'Widget', []), undefined);
  });
  it('validates Dapr Components with the compact hand-written schema', () => {
    const text =
      'apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: store\nspec:\n  type: state.redis\n  version: v1\n  metadata:\n    - name: redisHost\n      value: redis:6379\n    - nme: x\n';
    assert.deepEqual(
      lintString(text, {})
        .filter((f) => f.ruleId.startsWith('k8s/schema-'))
        .map((f) => f.ruleId),
      ['k8s/schema-required', 'k8s/schema-unknown-field'],
    );
  });
  it('the committed generated schemas match the installed packages (run npm run schemas)', function () {
    this.timeout(120000);
    const root = path.resolve(__dirname, '../../..');
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-schemas-'));
    execFileSync(process.execPath, [path.join(root, 'scripts/gen-k8s-schemas.mjs'), '--out', out], { cwd: root });
    for (const f of ['schemas.ts', 'descriptions.ts']) {
      const fresh = fs.readFileSync(path.join(out, f), 'utf8');
      assert.ok(
        fresh === fs.readFileSync(path.join(root, 'server/src/k8s/schema/generated', f), 'utf8'),
        `${f} is stale: run npm run schemas`,
      );
    }
  });
});
