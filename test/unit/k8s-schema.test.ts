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
  describe('the CRDs of an event-driven stack', () => {
    const unknown = (text: string) =>
      lintString(text, {})
        .filter((f) => f.ruleId.startsWith('k8s/schema-'))
        .map((f) => `${f.ruleId} ${f.range.start.line}:${f.range.start.character} ${f.message}`);
    const cases: [string, string, string[]][] = [
      [
        'Strimzi Kafka (hand-written)',
        'apiVersion: kafka.strimzi.io/v1beta2\nkind: Kafka\nmetadata:\n  name: events\nspec:\n  kafka:\n    replicas: 3\n    listeners:\n      - name: plain\n        port: 9092\n        type: internal\n        tls: false\n    config:\n      any.broker.key: 1\n    storage:\n      type: ephemeral\n    replica: 2\n',
        ['k8s/schema-unknown-field 16:4 Unknown field "replica" in Kafka.spec.kafka; did you mean "replicas"?'],
      ],
      [
        'Strimzi KafkaTopic (hand-written)',
        'apiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaTopic\nmetadata:\n  name: orders\nspec:\n  partitions: 6\n  replicationFactor: 3\n',
        ['k8s/schema-unknown-field 6:2 Unknown field "replicationFactor" in KafkaTopic.spec.'],
      ],
      [
        'Strimzi KafkaUser (hand-written)',
        'apiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaUser\nmetadata:\n  name: orders\nspec:\n  authentication:\n    type: scram-sha-512\n  quota: {}\n',
        ['k8s/schema-unknown-field 7:2 Unknown field "quota" in KafkaUser.spec; did you mean "quotas"?'],
      ],
      [
        'Redpanda Topic (hand-written)',
        'apiVersion: cluster.redpanda.com/v1alpha2\nkind: Topic\nmetadata:\n  name: orders\nspec:\n  partitions: 6\n  replicationFactor: 3\n  cluster:\n    clusterRef:\n      name: redpanda\n  replicas: 3\n',
        ['k8s/schema-unknown-field 10:2 Unknown field "replicas" in Topic.spec.'],
      ],
      [
        'KEDA ScaledObject',
        'apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: orders\nspec:\n  scaleTargetRef:\n    name: orders\n  maxReplicas: 10\n  triggers:\n    - type: kafka\n      metadata:\n        topic: orders\n',
        ['k8s/schema-unknown-field 7:2 Unknown field "maxReplicas" in ScaledObjectSpec.'],
      ],
      [
        'External Secrets ExternalSecret',
        'apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata:\n  name: db\nspec:\n  secretStoreRef:\n    name: vault\n  refreshInterval: 1h\n  data:\n    - secretKey: password\n      remoteRef:\n        key: db\n        propery: password\n',
        ['k8s/schema-unknown-field 12:8 Unknown field "propery" in ExternalSecretDataRemoteRef; did you mean "property"?'],
      ],
      [
        'Gateway API HTTPRoute (inherited backendRef fields)',
        'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: shop\nspec:\n  rules:\n    - backendRefs:\n        - name: orders\n          port: 80\n          weigth: 1\n',
        ['k8s/schema-unknown-field 9:10 Unknown field "weigth" in HTTPBackendRef; did you mean "weight"?'],
      ],
      [
        'Prometheus Operator PrometheusRule',
        'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: orders\nspec:\n  groups:\n    - name: orders\n      rules:\n        - alert: OrdersLag\n          expr: lag > 100\n          for: 5m\n          severity: page\n',
        ['k8s/schema-unknown-field 11:10 Unknown field "severity" in Rule.'],
      ],
    ];
    for (const [what, text, expected] of cases) {
      it(`validates ${what}`, () => {
        assert.deepEqual(unknown(text), expected);
      });
    }
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
