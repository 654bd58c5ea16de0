/** The schema rules over the real-world manifests beside the project: no crash, no false positive. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EffectiveConfig } from '../../server/src/engine/config';
import { lint } from '../../server/src/engine/engine';
import { DiskProbe, summarize } from '../../server/src/engine/project';
import type { ResolvedFinding } from '../../server/src/engine/types';
import { pathToFileUri } from '../../server/src/engine/uri';
import { WorkspaceIndex } from '../../server/src/engine/workspace';
import { RULES } from '../../server/src/rules';
import { CORPUS } from './helpers';
import { engineReady } from './ready';

const ROOT = path.join(CORPUS, 'k8s');
const MINE = new Set([
  'k8s/schema-unknown-field',
  'k8s/schema-type',
  'k8s/schema-required',
  'k8s/schema-unknown-kind',
  'k8s/deprecated-api-version',
  'kustomize/missing-file',
]);

/**
 * Findings on the corpus that are true: the manifests really are wrong there (checked by hand).
 * Anything else a schema rule reports on the corpus is a false positive and fails the test.
 */
const KNOWN: readonly string[] = [
  // Archived examples that use API versions removed long ago.
  'kubernetes__examples/_archived/cockroachdb/cockroachdb-statefulset.yaml:57 k8s/deprecated-api-version',
  'kubernetes__examples/_archived/newrelic-infrastructure/newrelic-infra-daemonset.yaml:1 k8s/deprecated-api-version',
  'kubernetes__examples/_archived/podsecuritypolicy/rbac/policies.yaml:1 k8s/deprecated-api-version',
  'kubernetes__examples/_archived/podsecuritypolicy/rbac/policies.yaml:26 k8s/deprecated-api-version',
  'kubernetes__examples/_archived/volumes/azure_disk/claim/',
  'kubernetes__examples/_archived/volumes/flexvolume/deploy/ds.yaml:1 k8s/deprecated-api-version',
  // Lower-case protocol: rejected ("Unsupported value").
  'kubernetes__examples/_archived/volumes/aws_ebs/aws-ebs-web.yaml:12 k8s/schema-type',
  'kubernetes__examples/_archived/volumes/cinder/cinder-web.yaml:12 k8s/schema-type',
  // A fill-me-in placeholder where a number belongs.
  'kubernetes__examples/_archived/volumes/fibre_channel/fc.yaml:17 k8s/schema-type',
  // StorageClass parameters written into a volume source, a typo, and fields the volume sources do not have.
  'kubernetes__examples/_archived/volumes/rbd/rbd.yaml:25 k8s/schema-unknown-field',
  'kubernetes__examples/_archived/volumes/rbd/rbd.yaml:26 k8s/schema-unknown-field',
  'kubernetes__examples/_archived/volumes/scaleio/pod.yaml:17 k8s/schema-unknown-field',
  'kubernetes__examples/_archived/volumes/storageos/storageos-pod.yaml:35 k8s/schema-unknown-field',
  'kubernetes__examples/_archived/volumes/storageos/storageos-pv.yaml:22 k8s/schema-unknown-field',
];

function files(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p));
    else if (/\.ya?ml$/i.test(e.name) || e.name === 'Kustomization') out.push(p);
  }
  return out;
}

describe('schema rules on the k8s corpus', function () {
  this.timeout(120000);
  before(function () {
    if (!fs.existsSync(ROOT)) {
      console.log(`    (skipped: no corpus at ${ROOT})`);
      this.skip();
    }
  });

  it('does not crash and reports only known-true findings', () => {
    const rules = RULES.filter((r) => MINE.has(r.id));
    const probe = new DiskProbe();
    const findings: { file: string; f: ResolvedFinding }[] = [];
    for (const repo of fs.readdirSync(ROOT)) {
      const dir = path.join(ROOT, repo);
      if (!fs.statSync(dir).isDirectory()) continue;
      // One workspace per repository, so its CRDs and neighbours are visible as in the original.
      const index = new WorkspaceIndex((p) => probe.exists(p));
      const list = files(dir);
      const texts = new Map(list.map((f) => [f, fs.readFileSync(f, 'utf8')]));
      for (const [f, text] of texts) index.set(summarize(pathToFileUri(f), text, undefined, probe));
      const env = {
        rules,
        config: new EffectiveConfig({ rules: {}, kubernetesVersion: '1.33', maxFileSize: 5e6 }),
        workspace: index,
        probe,
        ready: engineReady(),
      };
      for (const [f, text] of texts) {
        for (const finding of lint({ uri: pathToFileUri(f), text }, env).findings)
          findings.push({ file: path.relative(ROOT, f), f: finding });
      }
    }
    const byRule = new Map<string, number>();
    for (const { f } of findings) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
    console.log(`    findings per rule: ${JSON.stringify(Object.fromEntries([...byRule].sort()))}`);
    const crashes = findings.filter(({ f }) => f.ruleId === 'shipshape/internal-error');
    assert.deepEqual(
      crashes.map(({ file, f }) => `${file}: ${f.message}`),
      [],
    );
    const unexpected = findings
      .filter(({ f }) => MINE.has(f.ruleId))
      .map(({ file, f }) => `${file}:${f.range.start.line + 1} ${f.ruleId} ${f.message}`)
      .filter((line) => !KNOWN.some((k) => line.startsWith(k)));
    assert.deepEqual(unexpected, []);
  });
});
