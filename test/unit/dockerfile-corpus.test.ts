/** Lints every Dockerfile of the public corpus: no crash, no internal error; prints findings per rule. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EffectiveConfig } from '../../server/src/engine/config';
import { INTERNAL_ERROR, lint } from '../../server/src/engine/engine';
import { DiskProbe } from '../../server/src/engine/project';
import { pathToFileUri } from '../../server/src/engine/uri';
import { WorkspaceIndex } from '../../server/src/engine/workspace';
import { shellReady } from '../../server/src/dockerfile/shell';
import { RULES } from '../../server/src/rules';
import { CORPUS, dockerfilesUnder } from './helpers';
import { engineReady } from './ready';

const DOCKER = path.join(CORPUS, 'docker');

describe('Dockerfile corpus', function () {
  before(async function () {
    if (!fs.existsSync(DOCKER)) {
      console.log(`  (skipped: no corpus at ${DOCKER})`);
      this.skip();
    }
    await shellReady;
  });

  it('lints every Dockerfile without an internal error and prints findings per rule', () => {
    const probe = new DiskProbe();
    const env = {
      rules: RULES.filter((r) => r.appliesTo.includes('dockerfile')),
      config: new EffectiveConfig({ rules: {}, kubernetesVersion: '1.33', maxFileSize: 5e6 }),
      workspace: new WorkspaceIndex((p) => probe.exists(p)),
      probe,
      ready: engineReady(),
    };
    const files = dockerfilesUnder(DOCKER);
    assert.ok(files.length > 0, 'the corpus has Dockerfiles');
    const perRule = new Map<string, number>();
    const failures: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const res = lint({ uri: pathToFileUri(file), text, languageId: 'dockerfile' }, env);
      for (const f of res.findings) {
        if (f.ruleId === INTERNAL_ERROR) failures.push(`${path.relative(DOCKER, file)}: ${f.message}`);
        perRule.set(f.ruleId, (perRule.get(f.ruleId) ?? 0) + 1);
      }
    }
    const rows = [...perRule].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    console.log(`\n  ${files.length} Dockerfiles\n  ${'rule'.padEnd(44)} findings`);
    for (const [id, n] of rows) console.log(`  ${id.padEnd(44)} ${n}`);
    assert.deepEqual(failures, []);
  });
});
