import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { shellReady } from '../../../../server/src/dockerfile/shell';
import { EffectiveConfig } from '../../../../server/src/engine/config';
import { lint } from '../../../../server/src/engine/engine';
import { DiskProbe } from '../../../../server/src/engine/project';
import type { RuleContext } from '../../../../server/src/engine/rule';
import { EMPTY_WORKSPACE, WorkspaceIndex } from '../../../../server/src/engine/workspace';
import { parseDockerfile } from '../../../../server/src/parse/dockerfile';
import { rule } from '../../../../server/src/rules/dockerfile/shellcheck';
import { r } from '../../helpers';
import { engineReady } from '../../ready';

const HAVE_SHELLCHECK = spawnSync('shellcheck', ['--version']).status === 0;

function check(text: string, enabled = true) {
  const ctx: RuleContext<'dockerfile'> = {
    uri: 'file:///w/Dockerfile',
    path: '/w/Dockerfile',
    chartRoot: undefined,
    doc: parseDockerfile(text),
    settings: { kubernetesVersion: '1.33', option: <T>(name: string) => (name === 'enabled' ? enabled : undefined) as T },
    workspace: EMPTY_WORKSPACE,
  };
  return rule.check(ctx).map((f) => ({ code: /^SC\d+/.exec(f.message)?.[0], range: r(f.range), severity: f.severity }));
}

describe('dockerfile/shellcheck', () => {
  before(async function () {
    await shellReady;
    if (!HAVE_SHELLCHECK) {
      console.log('  (skipped: shellcheck is not on PATH)');
      this.skip();
    }
  });
  it('maps a finding on a continuation line to its exact place in the Dockerfile', () => {
    const text = 'FROM debian:12.8\nRUN set -e \\\n  && echo $1 \\\n  && ls\n';
    assert.deepEqual(check(text), [{ code: 'SC2086', range: [2, 10, 2, 12], severity: 'info' }]);
  });
  it('checks a shell heredoc body line by line', () => {
    const text = 'FROM debian:12.8\nRUN <<EOF\nset -e\nls -l $DIR\nEOF\n';
    assert.deepEqual(check(text), [{ code: 'SC2086', range: [3, 6, 3, 10], severity: 'info' }]);
  });
  it('does nothing when disabled, and on clean scripts', () => {
    assert.deepEqual(check('FROM debian:12.8\nRUN echo $1\n', false), []);
    assert.deepEqual(check('FROM debian:12.8\nRUN echo "$1"\n'), []);
  });
});

describe('dockerfile/shellcheck through the engine', () => {
  const text = 'FROM debian:12.8\nRUN echo $1\n';
  const run = (trusted: boolean | undefined, enabled: boolean) => {
    const probe = new DiskProbe();
    const env = {
      rules: [rule],
      config: new EffectiveConfig({
        rules: enabled ? { [rule.id]: { options: { enabled: true } } } : {},
        kubernetesVersion: '1.33',
        maxFileSize: 5e6,
      }),
      workspace: new WorkspaceIndex((p) => probe.exists(p)),
      probe,
      ready: engineReady(),
      ...(trusted === undefined ? {} : { trusted }),
    };
    return lint({ uri: 'file:///w/Dockerfile', text }, env).findings.map((f) => `${f.ruleId} ${r(f.range).join(',')}`);
  };
  before(async function () {
    await shellReady;
    if (!HAVE_SHELLCHECK) {
      console.log('  (skipped: shellcheck is not on PATH)');
      this.skip();
    }
  });
  it('runs when enabled in a trusted workspace (and in the CLI, which is trusted)', () => {
    assert.deepEqual(run(true, true), ['dockerfile/shellcheck 1,9,1,11']);
    assert.deepEqual(run(undefined, true), ['dockerfile/shellcheck 1,9,1,11']);
  });
  it('never runs in an untrusted workspace, even when enabled', () => {
    assert.deepEqual(run(false, true), []);
  });
  it('does not run unless enabled', () => {
    assert.deepEqual(run(true, false), []);
  });
  it('declares the program it needs, so the engine can skip it', () => {
    assert.equal(rule.requires, 'shellcheck');
  });
});
