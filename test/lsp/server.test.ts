import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { pathToFileUri } from '../../server/src/engine/uri';
import { tempWorkspace } from '../unit/helpers';
import { LspClient } from './client';

const mine = (ds: Diagnostic[], code: string) => ds.filter((d) => d.code === code);

describe('language server over stdio', () => {
  let client: LspClient;
  let dir: string;

  beforeEach(async () => {
    dir = tempWorkspace({ 'k8s/svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n' });
    client = new LspClient();
    await client.initialize(dir);
  });
  afterEach(async () => {
    const code = await client.shutdown();
    assert.equal(code, 0, client.stderr);
  });

  it('advertises quick fixes and fix-all', async () => {
    const c = new LspClient();
    const res = (await c.initialize(dir)) as { capabilities: { codeActionProvider: { codeActionKinds: string[] } } };
    assert.deepEqual(res.capabilities.codeActionProvider.codeActionKinds, ['quickfix', 'source.fixAll.shipshape']);
    await c.shutdown();
  });

  it('publishes a Dockerfile diagnostic with stable identity', async () => {
    const file = path.join(dir, 'Dockerfile');
    const ds = await client.open(file, 'FROM alpine:3.20\nMAINTAINER Jane\n', 'dockerfile');
    const [d] = mine(ds, 'dockerfile/maintainer-deprecated');
    assert.ok(d, JSON.stringify(ds));
    assert.deepEqual(d.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 10 } });
    assert.equal(d.source, 'shipshape');
    assert.equal(d.severity, 2);
    assert.match(d.codeDescription!.href, /docs\/rules\/dockerfile\/maintainer-deprecated\.md$/);
    assert.deepEqual(d.data, { fix: 'safe' });
  });

  it('returns a quick fix whose edit gives the exact text, and the finding clears after it', async () => {
    const file = path.join(dir, 'Dockerfile');
    const text = 'FROM alpine:3.20\nMAINTAINER Jane\n';
    const ds = mine(await client.open(file, text, 'dockerfile'), 'dockerfile/maintainer-deprecated');
    const actions = await client.codeActions(file, ds[0]!.range, ds);
    assert.equal(actions.length, 1);
    assert.equal(actions[0]!.kind, 'quickfix');
    assert.equal(actions[0]!.title, 'Replace MAINTAINER with LABEL maintainer=…');
    const [edit] = actions[0]!.edit!.changes![pathToFileUri(file)]!;
    assert.deepEqual(edit, {
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 15 } },
      newText: 'LABEL maintainer="Jane"',
    });
    const after = await client.edit(file, edit!.range, edit!.newText);
    assert.deepEqual(mine(after, 'dockerfile/maintainer-deprecated'), []);
  });

  it('re-lints on every change, coalescing to the latest version', async () => {
    const file = path.join(dir, 'pod.yaml');
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n    - name: a\n      image: nginx:1.27\n';
    assert.deepEqual(mine(await client.open(file, text, 'yaml'), 'k8s/image-latest-tag'), []);
    const ds = await client.edit(file, { start: { line: 7, character: 18 }, end: { line: 7, character: 23 } }, ':latest');
    assert.deepEqual(
      mine(ds, 'k8s/image-latest-tag').map((d) => d.range),
      [{ start: { line: 7, character: 13 }, end: { line: 7, character: 25 } }],
    );
  });

  it('offers an unsafe fix in the menu, marked as such and not preferred', async () => {
    const file = path.join(dir, 'Dockerfile');
    const ds = mine(await client.open(file, 'FROM alpine:3.20\nADD app.py /app/\n', 'dockerfile'), 'dockerfile/add-instead-of-copy');
    assert.deepEqual((ds[0]!.data as { fix?: string }).fix, 'unsafe');
    const actions = await client.codeActions(file, ds[0]!.range, ds);
    assert.equal(actions.length, 1);
    assert.equal(actions[0]!.title, 'Replace ADD with COPY (unsafe: changes behaviour, review it)');
    assert.equal(actions[0]!.isPreferred, false);
    assert.deepEqual(actions[0]!.edit!.changes![pathToFileUri(file)], [
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }, newText: 'COPY' },
    ]);
  });

  it('leaves unsafe fixes out of source.fixAll.shipshape', async () => {
    const file = path.join(dir, 'Dockerfile');
    await client.open(file, 'FROM alpine:3.20\nMAINTAINER a\nADD app.py /app/\n', 'dockerfile');
    const actions = await client.codeActions(
      file,
      { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      [],
      ['source.fixAll.shipshape'],
    );
    assert.equal(actions.length, 1);
    const edits = actions[0]!.edit!.changes![pathToFileUri(file)]!;
    assert.equal(edits[0]!.newText, 'FROM alpine:3.20\nLABEL maintainer="a"\nADD app.py /app/\n');
  });

  it('offers source.fixAll.shipshape as one whole-document edit', async () => {
    const file = path.join(dir, 'Dockerfile');
    await client.open(file, 'FROM alpine:3.20\nMAINTAINER a\nMAINTAINER b\n', 'dockerfile');
    const actions = await client.codeActions(
      file,
      { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      [],
      ['source.fixAll.shipshape'],
    );
    assert.equal(actions.length, 1);
    assert.equal(actions[0]!.kind, 'source.fixAll.shipshape');
    const edits = actions[0]!.edit!.changes![pathToFileUri(file)]!;
    assert.equal(edits.length, 1);
    assert.match(edits[0]!.newText, /^LABEL maintainer="a"\nLABEL maintainer="b"$/m);
  });

  it('gives other YAML no diagnostics', async () => {
    const file = path.join(dir, '.github/workflows/ci.yaml');
    assert.deepEqual(await client.open(file, 'name: ci\non: [push\n', 'yaml'), []);
  });

  it('applies settings changes and re-lints', async () => {
    const file = path.join(dir, 'Dockerfile');
    assert.equal(mine(await client.open(file, 'FROM a:1\nMAINTAINER x\n', 'dockerfile'), 'dockerfile/maintainer-deprecated').length, 1);
    client.settings = { rules: { 'dockerfile/maintainer-deprecated': 'off' } };
    // Other publishes (the index finishing) may come first; the one without the finding must follow.
    const wait = client.waitFor(pathToFileUri(file), (p) => mine(p.diagnostics, 'dockerfile/maintainer-deprecated').length === 0);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.equal((await wait).uri, pathToFileUri(file));
  });

  it('reports an invalid .shipshape.yaml on the config file and keeps working', async () => {
    const cfg = path.join(dir, '.shipshape.yaml');
    fs.writeFileSync(cfg, 'rules:\n  dockerfile/maintainer-deprecatd: "off"\n');
    const ds = await client.open(cfg, fs.readFileSync(cfg, 'utf8'), 'yaml');
    assert.deepEqual(
      mine(ds, 'shipshape/config').map((d) => d.range),
      [{ start: { line: 1, character: 2 }, end: { line: 1, character: 33 } }],
    );
    const df = await client.open(path.join(dir, 'Dockerfile'), 'FROM a:1\nMAINTAINER x\n', 'dockerfile');
    assert.equal(mine(df, 'dockerfile/maintainer-deprecated').length, 1);
  });

  it('survives a binary file opened as a Dockerfile and answers the next request', async () => {
    const file = path.join(dir, 'Dockerfile.bin');
    const ds = await client.open(file, 'FROM \u0000\u0001\u00ff'.repeat(1000), 'dockerfile');
    assert.deepEqual(
      ds.map((d) => d.code),
      ['shipshape/binary-file'],
    );
    const actions = await client.codeActions(file, ds[0]!.range, ds);
    assert.deepEqual(actions, []);
  });

  it('indexes the workspace and says when it is ready', async () => {
    const c = new LspClient();
    const ready = new Promise<unknown>((resolve) =>
      c.conn.onNotification('shipshape/indexStatus', (s: { state: string }) => {
        if (s.state === 'ready') resolve(s);
      }),
    );
    await c.initialize(dir);
    assert.deepEqual(await ready, { state: 'ready', files: 1 });
    await c.shutdown();
  });
});
