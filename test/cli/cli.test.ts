/** The built CLI (dist/cli.js), run as a user would run it. */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempWorkspace } from '../unit/helpers';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');

function run(args: string[], cwd: string) {
  const res = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

const FILES = {
  Dockerfile: 'FROM alpine:3.20\nMAINTAINER Jane\n',
  'k8s/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n    - name: a\n      image: nginx\n',
  '.github/workflows/ci.yaml': 'name: ci\non: [push\n',
};

describe('shipshape check', () => {
  it('prints text findings with 1-based positions and exits 1', () => {
    const dir = tempWorkspace(FILES);
    const res = run(['check'], dir);
    assert.equal(res.code, 1, res.err);
    const lines = res.out.trim().split('\n');
    // Other rules may flag these files too; these two lines must be there exactly.
    assert.ok(
      lines.includes(
        'Dockerfile:2:1: warning MAINTAINER is deprecated; use LABEL maintainer="…". [dockerfile/maintainer-deprecated] (fixable)',
      ),
      res.out,
    );
    assert.ok(
      lines.includes(
        'k8s/pod.yaml:8:14: warning Image "nginx" has no tag, so it runs whatever "latest" is at pull time. [k8s/image-latest-tag]',
      ),
      res.out,
    );
    assert.match(lines[lines.length - 1]!, /^\d+ findings \(.*\d+ warning.*\) in 2 files\.$/);
  });
  it('prints the documented JSON shape with 0-based ranges', () => {
    const dir = tempWorkspace(FILES);
    const res = run(['check', '.', '--format', 'json'], dir);
    assert.equal(res.code, 1);
    const ours = (JSON.parse(res.out) as { ruleId: string }[]).filter((f) =>
      ['dockerfile/maintainer-deprecated', 'k8s/image-latest-tag'].includes(f.ruleId),
    );
    assert.deepEqual(ours, [
      {
        file: 'Dockerfile',
        ruleId: 'dockerfile/maintainer-deprecated',
        severity: 'warning',
        message: 'MAINTAINER is deprecated; use LABEL maintainer="…".',
        range: { start: { line: 1, character: 0 }, end: { line: 1, character: 10 } },
        fixable: true,
        fix: 'safe',
      },
      {
        file: 'k8s/pod.yaml',
        ruleId: 'k8s/image-latest-tag',
        severity: 'warning',
        message: 'Image "nginx" has no tag, so it runs whatever "latest" is at pull time.',
        range: { start: { line: 7, character: 13 }, end: { line: 7, character: 18 } },
        fixable: false,
        fix: null,
      },
    ]);
  });
  it('prints SARIF 2.1.0 with rules, help URIs and regions', () => {
    const dir = tempWorkspace(FILES);
    const res = run(['check', '--format=sarif'], dir);
    assert.equal(res.code, 1);
    const sarif = JSON.parse(res.out) as {
      version: string;
      runs: {
        tool: { driver: { rules: { id: string; helpUri: string }[] } };
        results: {
          ruleId: string;
          ruleIndex: number;
          level: string;
          locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[];
        }[];
      }[];
    };
    assert.equal(sarif.version, '2.1.0');
    const run0 = sarif.runs[0]!;
    const result = run0.results.find((x) => x.ruleId === 'k8s/image-latest-tag')!;
    assert.equal(run0.tool.driver.rules[result.ruleIndex]!.id, 'k8s/image-latest-tag');
    assert.match(run0.tool.driver.rules[result.ruleIndex]!.helpUri, /docs\/rules\/k8s\/image-latest-tag\.md$/);
    assert.equal(result.level, 'warning');
    assert.deepEqual(result.locations[0]!.physicalLocation.artifactLocation.uri, 'k8s/pod.yaml');
    assert.deepEqual(result.locations[0]!.physicalLocation.region, { startLine: 8, startColumn: 14, endLine: 8, endColumn: 19 });
  });
  it('exits 0 when nothing reaches the threshold', () => {
    const dir = tempWorkspace({
      'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: web\ndata:\n  LOG_LEVEL: debug\n',
      '.github/workflows/ci.yaml': 'on: [push\n',
    });
    const res = run(['check', '--severity-threshold', 'error'], dir);
    assert.equal(res.code, 0, res.out + res.err);
    assert.match(res.out, /No findings in 1 file\./);
  });
  it('--fix rewrites files and reports only what is left', () => {
    const dir = tempWorkspace(FILES);
    const res = run(['check', '--fix', '--format', 'json'], dir);
    assert.match(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), /^LABEL maintainer="Jane"$/m);
    const left = (JSON.parse(res.out) as { ruleId: string }[]).map((f) => f.ruleId);
    assert.ok(left.includes('k8s/image-latest-tag'));
    assert.ok(!left.includes('dockerfile/maintainer-deprecated'));
    assert.equal(res.code, 1);
  });
  it('--config applies a configuration file', () => {
    const dir = tempWorkspace({
      ...FILES,
      'ci/shipshape.yaml': 'rules:\n  k8s/image-latest-tag: error\n  dockerfile/maintainer-deprecated: "off"\n',
    });
    const res = run(['check', '--config', 'ci/shipshape.yaml', '--format', 'json'], dir);
    const found = JSON.parse(res.out) as { ruleId: string; severity: string }[];
    assert.equal(found.find((f) => f.ruleId === 'k8s/image-latest-tag')?.severity, 'error');
    assert.equal(
      found.find((f) => f.ruleId === 'dockerfile/maintainer-deprecated'),
      undefined,
    );
  });
  it('honours .shipshape.yaml from the file folder upwards', () => {
    const dir = tempWorkspace({ ...FILES, 'k8s/.shipshape.yaml': 'rules:\n  k8s/image-latest-tag: error\n' });
    const res = run(['check', '--format', 'json'], dir);
    const sev = (JSON.parse(res.out) as { ruleId: string; severity: string }[]).find((f) => f.ruleId === 'k8s/image-latest-tag')?.severity;
    assert.equal(sev, 'error');
  });
  it('exits 2 with a clear message on an unreadable path, and still checks the rest', () => {
    const dir = tempWorkspace(FILES);
    const res = run(['check', 'missing-dir', 'Dockerfile'], dir);
    assert.equal(res.code, 2);
    assert.match(res.err, /cannot read missing-dir: ENOENT/);
    assert.match(res.out, /Dockerfile:2:1/);
    assert.doesNotMatch(res.err, /\n\s+at /, 'no stack trace');
  });
  it('exits 2 on usage errors', () => {
    const dir = tempWorkspace({});
    assert.equal(run(['check', '--format', 'xml'], dir).code, 2);
    assert.equal(run(['frobnicate'], dir).code, 2);
    assert.equal(run(['check', '--bogus'], dir).code, 2);
    assert.equal(run(['check', '--config', 'nope.yaml'], dir).code, 2);
  });
});

describe('shipshape rules', () => {
  it('prints the catalogue as JSON', () => {
    const res = run(['rules', '--format', 'json'], process.cwd());
    assert.equal(res.code, 0);
    const rules = JSON.parse(res.out) as {
      id: string;
      title: string;
      severity: string;
      aliases: string[];
      fixable: boolean;
      docs: string;
    }[];
    const rule = rules.find((x) => x.id === 'dockerfile/maintainer-deprecated')!;
    assert.deepEqual(rule.aliases, ['hadolint:DL4000', 'docker:MaintainerDeprecated']);
    assert.equal(rule.fixable, true);
    assert.match(rule.docs, /^https:\/\/.+\/docs\/rules\/dockerfile\/maintainer-deprecated\.md$/);
  });
  it('prints the catalogue as Markdown', () => {
    const res = run(['rules'], process.cwd());
    assert.match(res.out, /^\| Rule \| What it catches/);
    assert.match(res.out, /\[`k8s\/image-latest-tag`\]/);
    assert.match(res.out, /\n# By tool\n\n## checkov\n/);
    assert.match(res.out, /\n## hadolint\n\n\| Check \| Rules \|\n\| --- \| --- \|\n/);
    assert.match(res.out, /\n\| `DL3000` \| `dockerfile\/workdir-relative` \|\n/);
    assert.match(
      res.out,
      /\n\| `MultipleInstructionsDisallowed` \| `dockerfile\/multiple-cmd`, `dockerfile\/multiple-entrypoint`, `dockerfile\/multiple-healthcheck` \|\n/,
    );
  });
  it('prints its version', () => {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as { version: string };
    assert.equal(run(['--version'], process.cwd()).out.trim(), pkg.version);
  });
});
