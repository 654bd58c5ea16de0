/** Real charts: every file classified, no template reported as YAML, no rule crash, renders attempted. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { classify } from '../../server/src/engine/classify';
import { EffectiveConfig } from '../../server/src/engine/config';
import { INTERNAL_ERROR, lint } from '../../server/src/engine/engine';
import { DiskProbe } from '../../server/src/engine/project';
import { pathToFileUri } from '../../server/src/engine/uri';
import { WorkspaceIndex } from '../../server/src/engine/workspace';
import { HelmRenderService } from '../../server/src/helm/render';
import { RULES } from '../../server/src/rules';
import { CORPUS } from './helpers';
import { testHelm } from '../helm';
import { engineReady } from './ready';

const HELM_CORPUS = path.join(CORPUS, 'helm');

function charts(dir: string, out: string[] = [], depth = 0): string[] {
  if (depth > 6) return out;
  if (fs.existsSync(path.join(dir, 'Chart.yaml'))) out.push(dir);
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) charts(path.join(dir, e.name), out, depth + 1);
  return out;
}

function files(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== 'charts') files(p, out);
    else if (e.isFile()) out.push(p);
  }
  return out;
}

describe('helm corpus', function () {
  this.timeout(600000);
  before(function () {
    if (!fs.existsSync(HELM_CORPUS)) {
      console.log(`      skipped: no corpus at ${HELM_CORPUS}`);
      this.skip();
    }
  });

  it('classifies every chart file, never reports a template as YAML, and no rule crashes', () => {
    const probe = new DiskProbe();
    const env = {
      rules: RULES,
      config: new EffectiveConfig({ rules: {}, kubernetesVersion: '1.33', maxFileSize: 5e6 }),
      workspace: new WorkspaceIndex((p) => probe.exists(p)),
      probe,
      ready: engineReady(),
    };
    const found = charts(HELM_CORPUS);
    assert.ok(found.length > 0);
    let templates = 0;
    const counts = new Map<string, number>();
    for (const root of found) {
      for (const f of files(root)) {
        const text = fs.readFileSync(f, 'utf8');
        const rel = path.relative(root, f).split(path.sep);
        const c = classify(f, undefined, text, probe);
        if (rel[0] === 'templates') {
          assert.equal(c.kind, 'helm-template', f);
          templates++;
        }
        if (rel.length === 1 && rel[0] === 'Chart.yaml') assert.equal(c.kind, 'helm-chart', f);
        if (rel.length === 1 && rel[0] === 'values.yaml') assert.equal(c.kind, 'helm-values', f);
        if (c.kind === 'other') continue;
        const res = lint({ uri: pathToFileUri(f), text }, env);
        for (const x of res.findings) {
          assert.notEqual(x.ruleId, INTERNAL_ERROR, `${f}: ${x.message}`);
          if (c.kind === 'helm-template') assert.notEqual(x.ruleId, 'yaml/syntax', f);
          counts.set(x.ruleId, (counts.get(x.ruleId) ?? 0) + 1);
        }
      }
    }
    console.log(
      `      ${found.length} charts, ${templates} templates; helm findings: ${[...counts]
        .filter(([k]) => k.startsWith('helm/'))
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
    );
  });

  it('renders every top-level chart with helm where available, without crashing', async function () {
    const helm = testHelm();
    if (!helm) {
      console.log('      skipped: no helm binary');
      this.skip();
    }
    const lintDoc = () => [];
    const service = new HelmRenderService({ helm: () => helm, trusted: () => true, valuesFiles: () => [], lintDoc });
    const top = charts(HELM_CORPUS).filter((c) => !c.split(path.sep).includes('charts'));
    let ok = 0;
    for (const root of top) if (await service.render(root)) ok++;
    assert.equal(ok, top.length);
    console.log(`      rendered ${top.length} charts`);
  });
});
