/** Diagnostics pulled (LSP 3.17 `textDocument/diagnostic`) by clients that can, pushed to the others, and only the fields a client uses. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic, DocumentDiagnosticReport, FullDocumentDiagnosticReport } from 'vscode-languageserver';
import { pathToFileUri } from '../../server/src/engine/uri';
import { tempWorkspace } from '../unit/helpers';
import { LspClient } from './client';

const DOCKERFILE = 'FROM alpine:3.20\nMAINTAINER Jane\nRUN apk add curl\n';
/** The text-document capabilities of a client that pulls (as vscode-languageclient declares them). */
const PULL = {
  publishDiagnostics: { relatedInformation: true, versionSupport: false, codeDescriptionSupport: true, dataSupport: true },
  diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
};

const summary = (ds: Diagnostic[]) => ds.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]);

function full(r: DocumentDiagnosticReport): FullDocumentDiagnosticReport {
  assert.equal(r.kind, 'full', JSON.stringify(r));
  return r as FullDocumentDiagnosticReport;
}

describe('pull diagnostics over stdio', function () {
  this.timeout(120_000);
  let client: LspClient;
  let dir: string;
  let file: string;

  beforeEach(async () => {
    dir = tempWorkspace({ '.dockerignore': '.git\n' });
    file = path.join(dir, 'Dockerfile');
    client = new LspClient();
  });
  afterEach(async () => {
    const code = await client.shutdown();
    assert.equal(code, 0, client.stderr);
  });

  it('advertises a diagnostic provider to a client that pulls, and pushes nothing to it', async () => {
    const res = (await client.initialize(dir, undefined, { textDocument: PULL })) as { capabilities: { diagnosticProvider?: unknown } };
    assert.deepEqual(res.capabilities.diagnosticProvider, { interFileDependencies: true, workspaceDiagnostics: false });
    await client.openOnly(file, DOCKERFILE, 'dockerfile');
    const report = full(await client.pull(file));
    assert.deepEqual(summary(report.items), [
      ['dockerfile/last-user-root', 0, 0, 4],
      ['dockerfile/image-digest-pin', 0, 5, 16],
      ['dockerfile/maintainer-deprecated', 1, 0, 10],
      ['dockerfile/apk-no-cache', 2, 4, 7],
      ['dockerfile/apk-pin-versions', 2, 12, 16],
    ]);
    assert.equal(typeof report.resultId, 'string');
    assert.equal(client.published(file), undefined);
  });

  it('answers unchanged, with the same result id, when the client holds the current result', async () => {
    await client.initialize(dir, undefined, { textDocument: PULL });
    await client.openOnly(file, DOCKERFILE, 'dockerfile');
    const first = full(await client.pull(file));
    assert.deepEqual(await client.pull(file, first.resultId), { kind: 'unchanged', resultId: first.resultId });
    // An edit that changes no finding (a comment at the end) keeps the result id.
    await client.editOnly(file, { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, '# done\n');
    assert.deepEqual(await client.pull(file, first.resultId), { kind: 'unchanged', resultId: first.resultId });
    // A stale id gets the full result.
    const again = full(await client.pull(file, 'stale'));
    assert.equal(again.resultId, first.resultId);
    assert.deepEqual(again.items, first.items);
  });

  it('answers the full result of the version edited, with a new result id, when findings change', async () => {
    await client.initialize(dir, undefined, { textDocument: PULL });
    await client.openOnly(file, DOCKERFILE, 'dockerfile');
    const first = full(await client.pull(file));
    await client.editOnly(file, { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, '');
    const second = full(await client.pull(file, first.resultId));
    assert.notEqual(second.resultId, first.resultId);
    assert.deepEqual(summary(second.items), [
      ['dockerfile/last-user-root', 0, 0, 4],
      ['dockerfile/image-digest-pin', 0, 5, 16],
      ['dockerfile/apk-no-cache', 1, 4, 7],
      ['dockerfile/apk-pin-versions', 1, 12, 16],
    ]);
  });

  it('asks the client to pull again when a file on disk changes the findings of the version it holds', async () => {
    const bare = tempWorkspace({});
    const df = path.join(bare, 'Dockerfile');
    await client.initialize(bare, undefined, { textDocument: PULL, workspace: { diagnostics: { refreshSupport: true } } });
    await client.openOnly(df, DOCKERFILE, 'dockerfile');
    const first = full(await client.pull(df));
    assert.deepEqual(
      first.items.filter((d) => d.code === 'dockerfile/dockerignore-missing').map((d) => d.range),
      [{ start: { line: 0, character: 0 }, end: { line: 0, character: 16 } }],
    );
    assert.equal(client.refreshes, 0);
    fs.writeFileSync(path.join(bare, '.dockerignore'), '.git\n');
    const refreshed = client.waitForRefresh();
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileUri(path.join(bare, '.dockerignore')), type: 1 }],
    });
    await refreshed;
    const second = full(await client.pull(df, first.resultId));
    assert.notEqual(second.resultId, first.resultId);
    assert.deepEqual(
      second.items.filter((d) => d.code === 'dockerfile/dockerignore-missing'),
      [],
    );
  });

  it('gives a pulled diagnostic quick fixes from its data', async () => {
    await client.initialize(dir, undefined, { textDocument: PULL });
    await client.openOnly(file, DOCKERFILE, 'dockerfile');
    const ds = full(await client.pull(file)).items.filter((d) => d.code === 'dockerfile/maintainer-deprecated');
    const actions = await client.codeActions(file, ds[0]!.range, ds);
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Replace MAINTAINER with LABEL maintainer=…'],
    );
  });

  it('pushes to a client that does not pull, and advertises no diagnostic provider', async () => {
    const res = (await client.initialize(dir)) as { capabilities: { diagnosticProvider?: unknown } };
    assert.equal(res.capabilities.diagnosticProvider, undefined);
    const ds = await client.open(file, DOCKERFILE, 'dockerfile');
    assert.deepEqual(summary(ds), [
      ['dockerfile/last-user-root', 0, 0, 4],
      ['dockerfile/image-digest-pin', 0, 5, 16],
      ['dockerfile/maintainer-deprecated', 1, 0, 10],
      ['dockerfile/apk-no-cache', 2, 4, 7],
      ['dockerfile/apk-pin-versions', 2, 12, 16],
    ]);
  });

  it('sends data only with a finding that has a fix', async () => {
    const ds = await (async () => {
      await client.initialize(dir);
      return client.open(file, DOCKERFILE, 'dockerfile');
    })();
    const data = Object.fromEntries(ds.map((d) => [d.code as string, d.data]));
    assert.deepEqual(data, {
      'dockerfile/last-user-root': { fix: 'unsafe' },
      'dockerfile/image-digest-pin': undefined,
      'dockerfile/maintainer-deprecated': { fix: 'safe' },
      'dockerfile/apk-no-cache': { fix: 'unsafe' },
      'dockerfile/apk-pin-versions': undefined,
    });
  });

  it('sends no codeDescription to a client that does not declare codeDescriptionSupport', async () => {
    await client.initialize(dir, undefined, { textDocument: { publishDiagnostics: { versionSupport: true, dataSupport: true } } });
    const ds = await client.open(file, DOCKERFILE, 'dockerfile');
    assert.equal(ds.length, 5);
    for (const d of ds) {
      assert.equal(d.codeDescription, undefined);
      assert.equal(d.source, 'shipshape');
    }
  });
});
