/** Kubernetes rules over the real-world corpus: no crash, findings per rule printed for review. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EffectiveConfig } from '../../server/src/engine/config';
import { INTERNAL_ERROR, lint } from '../../server/src/engine/engine';
import { DiskProbe, isCandidateFile, summarize, SKIPPED_DIRS } from '../../server/src/engine/project';
import { pathToFileUri } from '../../server/src/engine/uri';
import { WorkspaceIndex } from '../../server/src/engine/workspace';
import { RULES } from '../../server/src/rules';
import { CORPUS } from './helpers';
import { engineReady } from './ready';

const ROOT = path.join(CORPUS, 'k8s');

function walk(dir: string, out: string[]): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED_DIRS.has(e.name)) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (isCandidateFile(e.name)) out.push(p);
  }
  return out;
}

describe('Kubernetes rules over the corpus', function () {
  before(function () {
    if (!fs.existsSync(ROOT)) {
      console.log(`    (skipped: no corpus at ${ROOT})`);
      this.skip();
    }
  });

  it('lints every manifest without a rule failing, printing findings per rule', () => {
    const files = walk(ROOT, []);
    const probe = new DiskProbe();
    const index = new WorkspaceIndex((p) => probe.exists(p));
    const texts = new Map<string, string>();
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      texts.set(f, text);
      index.set(summarize(pathToFileUri(f), text, undefined, probe));
    }
    const rules = RULES.filter((r) => r.id.startsWith('k8s/'));
    const config = new EffectiveConfig({
      rules: Object.fromEntries(rules.filter((r) => r.defaultEnabled === false).map((r) => [r.id, { severity: r.severity, options: {} }])),
      kubernetesVersion: '1.33',
      maxFileSize: 5 * 1024 * 1024,
    });
    const counts = new Map<string, number>();
    const failures: string[] = [];
    for (const [f, text] of texts) {
      const res = lint({ uri: pathToFileUri(f), text }, { rules, config, workspace: index, probe, ready: engineReady() });
      for (const x of res.findings) {
        if (x.ruleId === INTERNAL_ERROR) failures.push(`${path.relative(ROOT, f)}: ${x.message}`);
        counts.set(x.ruleId, (counts.get(x.ruleId) ?? 0) + 1);
      }
    }
    console.log(`    ${texts.size} files`);
    for (const [id, n] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`    ${String(n).padStart(6)}  ${id}`);
    assert.deepEqual(failures, []);
  });
});
