/** Keeps the catalogue honest: ids, docs, aliases, fixtures, golden fixes, generated files. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EffectiveConfig } from '../../server/src/engine/config';
import { fixAll, lint } from '../../server/src/engine/engine';
import { DiskProbe, summarize } from '../../server/src/engine/project';
import type { Rule } from '../../server/src/engine/rule';
import { findExecutable } from '../../server/src/engine/tools';
import { pathToFileUri } from '../../server/src/engine/uri';
import { WorkspaceIndex } from '../../server/src/engine/workspace';
import { configurationContribution, docPages, parityPages, readmeWithTable } from '../../server/src/docs/generate';
import { ENGINE_RULES, RULES } from '../../server/src/rules';
import { SETTINGS } from '../../server/src/settings';
import { engineReady } from './ready';

const ROOT = path.resolve(__dirname, '../../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/rules');
const TOOLS = ['hadolint', 'docker', 'kube-linter', 'polaris', 'kube-score', 'checkov', 'shellcheck'];

/** A fixture is `name.<ext>` or a folder `name/` whose `_target` names the file to lint. */
function fixture(id: string, name: string): { file: string; text: string } | undefined {
  const dir = path.join(FIXTURES, id);
  if (!fs.existsSync(dir)) return undefined;
  const folder = path.join(dir, name);
  if (fs.existsSync(folder) && fs.statSync(folder).isDirectory()) {
    const target = fs.readFileSync(path.join(folder, '_target'), 'utf8').trim();
    return { file: path.join(folder, target), text: fs.readFileSync(path.join(folder, target), 'utf8') };
  }
  const hit = fs.readdirSync(dir).find((f) => f.startsWith(`${name}.`) && (name.includes('.fixed') || !f.startsWith(`${name}.fixed`)));
  return hit ? { file: path.join(dir, hit), text: fs.readFileSync(path.join(dir, hit), 'utf8') } : undefined;
}

/** Rules that opt in through an `enabled` option (off by default) rather than through a severity. */
function optInByOption(r: Rule): boolean {
  return r.options?.enabled?.type === 'boolean' && r.options.enabled.default === false;
}

/** Indexes the other files of a folder fixture, so cross-file rules see them (a `.dockerignore`, a chart). */
function withFolder(e: ReturnType<typeof env>, file: string): ReturnType<typeof env> {
  const dir = path.dirname(file);
  if (!fs.existsSync(path.join(dir, '_target'))) return e;
  for (const name of fs.readdirSync(dir)) {
    const p = path.join(dir, name);
    if (name !== '_target' && p !== file && fs.statSync(p).isFile())
      e.workspace.set(summarize(pathToFileUri(p), fs.readFileSync(p, 'utf8'), undefined, e.probe));
  }
  return e;
}

function env(rules: readonly Rule[]) {
  const probe = new DiskProbe();
  return {
    rules,
    // Opt-in rules are switched on here so their fixtures are checked like the others.
    config: new EffectiveConfig({
      rules: Object.fromEntries([
        ...rules.filter((r) => r.defaultEnabled === false).map((r) => [r.id, { severity: r.severity, options: {} }]),
        ...rules.filter(optInByOption).map((r) => [r.id, { options: { enabled: true } }]),
      ]),
      kubernetesVersion: '1.33',
      maxFileSize: 5e6,
    }),
    workspace: new WorkspaceIndex((p) => probe.exists(p)),
    probe,
    ready: engineReady(),
  };
}

describe('rule catalogue', () => {
  it('is sorted by id, with unique well-formed ids', () => {
    const ids = RULES.map((r) => r.id);
    assert.deepEqual(ids, [...ids].sort());
    assert.equal(new Set(ids).size, ids.length);
    for (const id of [...ids, ...ENGINE_RULES.map((r) => r.id)]) assert.match(id, /^[a-z0-9]+\/[a-z0-9-]+$/);
  });

  for (const rule of RULES) {
    describe(rule.id, () => {
      it('has docs, a remediation sentence and namespaced aliases', () => {
        assert.ok(rule.title.length > 5 && rule.docs.trim().length > 40, 'docs');
        assert.match(rule.remediation.trim(), /[.!)`]$/, 'remediation is a sentence');
        for (const a of rule.aliases) {
          const [tool, id] = a.split(':');
          assert.ok(TOOLS.includes(tool!) && id, `alias ${a} must be tool:id`);
          if (tool === 'hadolint') assert.match(id!, /^DL\d{4}$/);
          if (tool === 'checkov') assert.match(id!, /^CKV2?_[A-Z0-9]+_\d+$/);
          if (tool === 'shellcheck') assert.match(id!, /^SC\d{4}$/);
          if (tool === 'docker') assert.match(id!, /^[A-Z][A-Za-z]+$/);
        }
      });
      it('has a unit test file', () => {
        assert.ok(fs.existsSync(path.join(ROOT, 'test/unit/rules', `${rule.id}.test.ts`)), `test/unit/rules/${rule.id}.test.ts`);
      });
      it('flags its bad fixture and not its good fixture', function () {
        if (rule.requires && !findExecutable(rule.requires)) {
          console.log(`      skipped ${rule.id} fixtures: \`${rule.requires}\` is not on PATH`);
          this.skip();
        }
        const bad = fixture(rule.id, 'bad');
        const good = fixture(rule.id, 'good');
        assert.ok(bad, `test/fixtures/rules/${rule.id}/bad.*`);
        assert.ok(good, `test/fixtures/rules/${rule.id}/good.*`);
        const badFindings = lint({ uri: pathToFileUri(bad.file), text: bad.text }, withFolder(env(RULES), bad.file)).findings.filter(
          (f) => f.ruleId === rule.id,
        );
        assert.ok(badFindings.length > 0, 'bad fixture is flagged');
        const goodFindings = lint({ uri: pathToFileUri(good.file), text: good.text }, withFolder(env(RULES), good.file)).findings.filter(
          (f) => f.ruleId === rule.id,
        );
        assert.deepEqual(goodFindings, [], 'good fixture is clean');
      });
      if (rule.fix) {
        it('fixes its bad fixture into the golden file, and the re-lint is clean of it with no new error', () => {
          const bad = fixture(rule.id, 'bad')!;
          const golden = fixture(rule.id, 'bad.fixed');
          assert.ok(golden, `test/fixtures/rules/${rule.id}/bad.fixed.*`);
          const uri = pathToFileUri(bad.file);
          const { text } = fixAll({ uri, text: bad.text }, env([rule]), { unsafe: true });
          assert.equal(text, golden.text);
          const all = env(RULES);
          const before = lint({ uri, text: bad.text }, all).findings;
          const after = lint({ uri, text }, all).findings;
          assert.deepEqual(
            after.filter((f) => f.ruleId === rule.id),
            [],
          );
          const errs = (fs: typeof before) => new Set(fs.filter((f) => f.severity === 'error').map((f) => `${f.ruleId}`));
          for (const id of errs(after)) assert.ok(errs(before).has(id), `the fix introduced a new ${id} error`);
        });
      }
    });
  }
});

describe('generated files', () => {
  it('docs/rules pages are up to date (run npm run docs)', () => {
    for (const [rel, content] of docPages()) {
      const p = path.join(ROOT, rel);
      assert.ok(fs.existsSync(p), `${rel} missing: run npm run docs`);
      assert.equal(fs.readFileSync(p, 'utf8'), content, `${rel} is stale: run npm run docs`);
    }
  });
  it('the README rule table and parity summary are up to date', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const summary = parityPages(ROOT).get(path.join('docs', 'parity-summary.md'));
    assert.ok(summary, 'no parity summary generated');
    assert.equal(readme, readmeWithTable(readme, summary), 'README.md rule table or parity summary is stale: run npm run docs');
  });
  it('package.json contributes.configuration equals the server settings', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { configuration: unknown } };
    assert.deepEqual(pkg.contributes.configuration, configurationContribution(), 'stale: run npm run docs');
    const props = (pkg.contributes.configuration as { properties: Record<string, { default: unknown }> }).properties;
    for (const s of SETTINGS) assert.deepEqual(props[s.key]?.default, s.default, s.key);
  });
});
