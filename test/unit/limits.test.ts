import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { capFindings, lint, MAX_FINDINGS } from '../../server/src/engine/engine';
import { EffectiveConfig, globMatches } from '../../server/src/engine/config';
import { DiskProbe, Project } from '../../server/src/engine/project';
import { pathToFileUri } from '../../server/src/engine/uri';
import type { ResolvedFinding } from '../../server/src/engine/types';
import { WorkspaceIndex } from '../../server/src/engine/workspace';
import { RULES } from '../../server/src/rules';
import { tempWorkspace } from './helpers';
import { engineReady } from './ready';

const env = (maxFileSize: number) => ({
  rules: RULES,
  config: new EffectiveConfig({ rules: {}, kubernetesVersion: '1.33', maxFileSize }),
  workspace: new WorkspaceIndex(),
  probe: new DiskProbe(),
  ready: engineReady(),
});

const finding = (line: number): ResolvedFinding => ({
  ruleId: 'x/y',
  severity: 'warning',
  fixable: false,
  message: 'm',
  range: { start: { line, character: 2 }, end: { line, character: 4 } },
});

describe('limits per document', () => {
  it('does not parse a file over maxFileSize: one info finding, no rule runs', () => {
    const text = 'FROM alpine\nMAINTAINER x\n'.repeat(10);
    const res = lint({ uri: 'file:///w/Dockerfile', text }, env(100));
    assert.equal(res.doc, undefined);
    assert.deepEqual(
      res.findings.map((f) => [f.ruleId, f.severity, f.message]),
      [
        [
          'shipshape/file-too-large',
          'info',
          'This file has 250 characters, more than maxFileSize (100); Shipshape did not parse it and ran no rules on it.',
        ],
      ],
    );
  });

  it('checks a file of exactly maxFileSize as usual', () => {
    const text = 'FROM alpine:3.20\nMAINTAINER x\n';
    const res = lint({ uri: 'file:///w/Dockerfile', text }, env(text.length));
    assert.ok(res.doc);
    assert.ok(res.findings.some((f) => f.ruleId === 'dockerfile/maintainer-deprecated'));
  });

  it('keeps the first 1,000 findings and says how many more there are where they begin', () => {
    const all = Array.from({ length: 1003 }, (_, i) => finding(i));
    const kept = capFindings(all);
    assert.equal(MAX_FINDINGS, 1000);
    assert.equal(kept.length, 1001);
    assert.deepEqual(kept[999], finding(999));
    assert.deepEqual(kept[1000], {
      ruleId: 'shipshape/too-many-findings',
      severity: 'info',
      fixable: false,
      message: '3 more findings in this file from here on are not shown: Shipshape reports at most 1000 per file.',
      range: { start: { line: 1000, character: 2 }, end: { line: 1000, character: 2 } },
    });
    assert.equal(
      capFindings(all, 1002)[1002]!.message,
      '1 more finding in this file from here on is not shown: Shipshape reports at most 1002 per file.',
    );
    assert.equal(capFindings(all.slice(0, 1000)).length, 1000);
  });
});

describe('ignorePaths in .shipshape.yaml', () => {
  it('checks nothing in the files its globs match, relative to the config file', () => {
    const bad = 'FROM alpine:3.20\nMAINTAINER x\n';
    const dir = tempWorkspace({
      'app/.shipshape.yaml': 'ignorePaths:\n  - vendor/\n  - "*.gen.Dockerfile"\n  - "deploy/**/legacy-?.yaml"\n',
      'app/vendor/x/Dockerfile': bad,
      'app/a.gen.Dockerfile': bad,
      'app/sub/b.gen.Dockerfile': bad,
      'app/deploy/eu/legacy-1.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n',
      'app/Dockerfile': bad,
      'vendor/Dockerfile': bad,
    });
    const project = Project.create(engineReady(), RULES, [dir]);
    const checked = (rel: string) => {
      const file = path.join(dir, rel);
      return project.lint({ uri: pathToFileUri(file), text: fs.readFileSync(file, 'utf8') }).findings.length > 0;
    };
    assert.deepEqual(
      [
        'app/vendor/x/Dockerfile',
        'app/a.gen.Dockerfile',
        'app/sub/b.gen.Dockerfile',
        'app/deploy/eu/legacy-1.yaml',
        'app/Dockerfile',
        'vendor/Dockerfile',
      ].map(checked),
      [false, false, false, false, true, true],
    );
  });

  it('matches globs in linear time and treats regex characters literally', () => {
    assert.equal(globMatches('a+(b).yaml', 'x/a+(b).yaml'), true);
    assert.equal(globMatches('a+(b).yaml', 'x/aab.yaml'), false);
    assert.equal(globMatches(`${'*a'.repeat(30)}b`, 'a'.repeat(5000)), false);
  });
});
