import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findExecutable, forgetExecutables, setWorkspaceFolders } from '../../server/src/engine/tools';
import { findHelm } from '../../server/src/helm/render';
import { chartValuesFiles } from '../../server/src/handlers/helmRender';
import { tempWorkspace } from './helpers';

function program(dir: string, name: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const p = path.join(dir, name);
  fs.writeFileSync(p, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  return p;
}

describe('external programs', function () {
  if (process.platform === 'win32') return;
  let cwd: string;
  let workspace: string;
  let outside: string;
  beforeEach(() => {
    cwd = process.cwd();
    workspace = tempWorkspace({});
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-bin-'));
    program(path.join(workspace, 'bin'), 'shellcheck');
    program(path.join(workspace, 'bin'), 'helm');
    forgetExecutables();
  });
  afterEach(() => {
    process.chdir(cwd);
    setWorkspaceFolders([]);
  });

  it('skips relative PATH entries, which would resolve inside the working folder', () => {
    process.chdir(workspace);
    assert.equal(findExecutable('shellcheck', `bin${path.delimiter}${path.delimiter}./bin`), undefined);
    assert.equal(findHelm(undefined, `bin${path.delimiter}./bin`), undefined);
  });

  it('refuses a program inside a workspace folder, even on an absolute PATH entry or as helm.path', () => {
    setWorkspaceFolders([workspace]);
    const bin = path.join(workspace, 'bin');
    assert.equal(findExecutable('shellcheck', bin), undefined);
    assert.equal(findHelm(undefined, bin), undefined);
    assert.equal(findHelm(path.join(bin, 'helm')), undefined);
  });

  it('finds a program at an absolute path outside the workspace', () => {
    setWorkspaceFolders([workspace]);
    const sc = program(outside, 'shellcheck');
    const helm = program(outside, 'helm');
    assert.equal(findExecutable('shellcheck', `bin${path.delimiter}${path.join(workspace, 'bin')}${path.delimiter}${outside}`), sc);
    assert.equal(findHelm(undefined, `bin${path.delimiter}${outside}`), helm);
    assert.equal(findHelm(helm), helm);
  });
});

describe('shipshape.helm.valuesFiles', () => {
  it("keeps regular files inside the chart's workspace folder and skips the rest", () => {
    const ws = tempWorkspace({ 'c/Chart.yaml': 'name: c\n', 'c/values-prod.yaml': 'a: 1\n', 'shared/common.yaml': 'b: 2\n' });
    const elsewhere = tempWorkspace({ 'secret.yaml': 'x: 1\n' });
    fs.symlinkSync(path.join(elsewhere, 'secret.yaml'), path.join(ws, 'c/linked.yaml'));
    const chart = path.join(ws, 'c');
    const names = ['values-prod.yaml', '../shared/common.yaml', path.join(elsewhere, 'secret.yaml'), 'linked.yaml', 'missing.yaml', '.'];
    assert.deepEqual(chartValuesFiles(chart, names, ws), [path.join(chart, 'values-prod.yaml'), path.join(ws, 'shared/common.yaml')]);
    assert.deepEqual(chartValuesFiles(chart, names, undefined), []);
  });
});
