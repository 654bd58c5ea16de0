/**
 * Workspace trust over stdio: an untrusted workspace runs no external program (helm, shellcheck),
 * a trusted one does. Each program is reached through a recording wrapper, so "did not run" is a
 * fact about processes, not about diagnostics.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { findExecutable } from '../../server/src/engine/tools';
import { pathToFileUri } from '../../server/src/engine/uri';
import {
  INDEX_STATUS_NOTIFICATION,
  RENDER_CHART_REQUEST,
  WORKSPACE_TRUST_NOTIFICATION,
  type IndexStatus,
  type RenderChartResult,
} from '../../server/src/protocol';
import { tempWorkspace } from '../unit/helpers';
import { testHelm } from '../helm';
import { LspClient } from './client';

/** A chart, a Dockerfile with a ShellCheck finding, and wrappers that log each run of helm and shellcheck. */
function workspace(realHelm: string | undefined, realShellcheck: string | undefined) {
  const dir = tempWorkspace({
    'c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
    'c/values.yaml': 'image:\n  tag: "1.27"\n',
    'c/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  tag: {{ .Values.image.tag | quote }}\n',
    Dockerfile: 'FROM debian:12.8\nRUN echo $1\n',
  });
  const log = path.join(dir, 'ran.log');
  // Outside the workspace: programs inside it are never run.
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-bin-'));
  const wrapper = (name: string, real: string | undefined) => {
    const p = path.join(bin, name);
    fs.writeFileSync(p, `#!/bin/sh\necho ${name} >> '${log}'\n${real ? `exec '${real}' "$@"` : 'exit 1'}\n`, { mode: 0o755 });
    return p;
  };
  return { dir, log, helm: wrapper('helm', realHelm), shellcheckDir: (wrapper('shellcheck', realShellcheck), bin) };
}

const ran = (log: string) => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter(Boolean) : []);
const shellcheckFindings = (ds: readonly Diagnostic[]) =>
  ds
    .filter((d) => d.code === 'dockerfile/shellcheck')
    .map((d) => [
      d.range.start.line,
      d.range.start.character,
      d.range.end.line,
      d.range.end.character,
      (typeof d.message === 'string' ? d.message : d.message.value).slice(0, 7),
    ]);

describe('workspace trust (helm and shellcheck)', function () {
  this.timeout(60_000);
  const realHelm = testHelm();
  const realShellcheck = findExecutable('shellcheck');
  let client: LspClient;
  let ws: ReturnType<typeof workspace>;
  /** Whether this test started a server (a skipped test did not). */
  let started = false;

  async function start(trusted: boolean | undefined) {
    ws = workspace(realHelm, realShellcheck);
    started = true;
    client = new LspClient({ ...process.env, PATH: `${ws.shellcheckDir}${path.delimiter}${process.env.PATH ?? ''}` });
    client.settings = { rules: { 'dockerfile/shellcheck': { enabled: true } } };
    client.sections = { 'shipshape.helm': { path: ws.helm, valuesFiles: [] } };
    await client.initialize(ws.dir, trusted === undefined ? undefined : { workspaceTrusted: trusted });
    // The index is built after the settings are read: from here on, every lint sees them.
    await client.waitForNotification(INDEX_STATUS_NOTIFICATION, (p) => (p as IndexStatus).state === 'ready');
  }
  const dockerfile = () => path.join(ws.dir, 'Dockerfile');
  const template = () => path.join(ws.dir, 'c/templates/cm.yaml');
  const render = () => client.conn.sendRequest<RenderChartResult>(RENDER_CHART_REQUEST, { uri: pathToFileUri(template()) });

  afterEach(async () => {
    if (!started) return;
    started = false;
    const code = await client.shutdown();
    assert.equal(code, 0, client.stderr);
  });

  for (const [label, trust] of [
    ['untrusted', false],
    ['without a trust flag (another editor)', undefined],
  ] as const) {
    it(`${label}: runs neither helm nor shellcheck, and says why for a render`, async () => {
      await start(trust);
      const ds = await client.open(dockerfile(), 'FROM debian:12.8\nRUN echo $1\n', 'dockerfile');
      assert.deepEqual(shellcheckFindings(ds), []);
      await client.open(template(), fs.readFileSync(template(), 'utf8'), 'helm');
      const res = await render();
      assert.equal(res.rendered, undefined);
      assert.equal(res.reason, 'Helm only runs in a trusted workspace.');
      // A later edit re-lints with everything applied: still no shellcheck.
      const after = await client.edit(dockerfile(), { start: { line: 1, character: 11 }, end: { line: 1, character: 11 } }, ' ');
      assert.deepEqual(shellcheckFindings(after), []);
      assert.deepEqual(ran(ws.log), []);
    });
  }

  it('granting trust later (the trust notification) turns both on', async function () {
    if (!realShellcheck) {
      console.log('      skipped: shellcheck is not on PATH');
      this.skip();
    }
    await start(false);
    const ds = await client.open(dockerfile(), 'FROM debian:12.8\nRUN echo $1\n', 'dockerfile');
    assert.deepEqual(shellcheckFindings(ds), []);
    const uri = pathToFileUri(dockerfile());
    const relinted = client.waitFor(uri, (p) => shellcheckFindings(p.diagnostics).length > 0);
    await client.conn.sendNotification(WORKSPACE_TRUST_NOTIFICATION, { workspaceTrusted: true });
    assert.deepEqual(shellcheckFindings((await relinted).diagnostics), [[1, 9, 1, 11, 'SC2086:']]);
    assert.ok(ran(ws.log).includes('shellcheck'));
    if (!realHelm) {
      console.log('      (helm part skipped: no helm binary)');
      return;
    }
    await client.open(template(), fs.readFileSync(template(), 'utf8'), 'helm');
    const res = await render();
    assert.ok(res.rendered, JSON.stringify(res));
    assert.match(res.rendered, /^# Source: c\/templates\/cm\.yaml$/m);
    assert.match(res.rendered, /^ {2}tag: "1\.27"$/m);
    assert.ok(ran(ws.log).includes('helm'));
  });

  it('trusted from the start: shellcheck findings on open, helm renders on request', async function () {
    if (!realShellcheck && !realHelm) {
      console.log('      skipped: neither shellcheck nor helm is available');
      this.skip();
    }
    await start(true);
    if (realShellcheck) {
      const uri = pathToFileUri(dockerfile());
      const found = client.waitFor(uri, (p) => shellcheckFindings(p.diagnostics).length > 0);
      await client.open(dockerfile(), 'FROM debian:12.8\nRUN echo $1\n', 'dockerfile');
      assert.deepEqual(shellcheckFindings((await found).diagnostics), [[1, 9, 1, 11, 'SC2086:']]);
    } else console.log('      (shellcheck part skipped: shellcheck is not on PATH)');
    if (realHelm) {
      await client.open(template(), fs.readFileSync(template(), 'utf8'), 'helm');
      const res = await render();
      assert.match(res.rendered ?? JSON.stringify(res), /^ {2}tag: "1\.27"$/m);
      assert.ok(ran(ws.log).includes('helm'));
    } else console.log('      (helm part skipped: no helm binary)');
  });
});
