/** Compose files over stdio: diagnostics, a quick fix, a hover with the built Dockerfile's findings, go to definition. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TextEdit } from 'vscode-languageserver';
import { applyEdits } from '../../server/src/engine/engine';
import { pathToFileUri } from '../../server/src/engine/uri';
import { tempWorkspace } from '../unit/helpers';
import { LspClient } from './client';

const COMPOSE = [
  'services:',
  '  api:',
  '    build:',
  '      context: ./api',
  '    restart: unless-stopped',
  '    ports:',
  '      - "127.0.0.1:3000:3000"',
  '    healthcheck:',
  '      test: ["CMD", "wget", "-qO-", "http://localhost:3000/health"]',
  '  db:',
  '    image: postgres:16.4',
  '    restart: unless-stopped',
  '    ports:',
  '      - "5432:5432"',
  '',
].join('\n');

const DOCKERFILE = 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nCMD node server.js\n';

describe('Compose files over stdio', () => {
  let client: LspClient;
  let dir: string;
  let compose: string;

  beforeEach(async () => {
    dir = tempWorkspace({ 'compose.yaml': COMPOSE, 'api/Dockerfile': DOCKERFILE });
    compose = path.join(dir, 'compose.yaml');
    client = new LspClient();
    await client.initialize(dir);
  });
  afterEach(async () => {
    const code = await client.shutdown();
    assert.equal(code, 0, client.stderr);
  });

  it('publishes the exposed database port and fixes it to 127.0.0.1', async () => {
    const diagnostics = await client.open(compose, COMPOSE, 'dockercompose');
    const exposed = diagnostics.filter((d) => d.code === 'compose/exposed-database-port');
    assert.deepEqual(
      exposed.map((d) => [d.source, d.range]),
      [['shipshape', { start: { line: 13, character: 8 }, end: { line: 13, character: 19 } }]],
    );
    assert.match(exposed[0]!.codeDescription!.href, /compose\/exposed-database-port/);
    const actions = await client.codeActions(compose, exposed[0]!.range, exposed);
    const fix = actions.find((a) => a.title === 'Publish on 127.0.0.1 only');
    assert.ok(fix?.edit?.changes, JSON.stringify(actions.map((a) => a.title)));
    const edits = Object.values(fix.edit.changes)[0] as TextEdit[];
    const fixed = applyEdits(COMPOSE, edits);
    assert.equal(fixed, COMPOSE.replace('"5432:5432"', '"127.0.0.1:5432:5432"'));
    const after = await client.edit(compose, { start: { line: 0, character: 0 }, end: { line: 15, character: 0 } }, fixed);
    assert.deepEqual(
      after.filter((d) => d.code === 'compose/exposed-database-port'),
      [],
    );
  });

  it("shows the built Dockerfile's findings in the hover on the service name", async () => {
    await client.open(compose, COMPOSE, 'yaml');
    const hover = await client.hover(compose, { line: 1, character: 3 });
    const value = (hover?.contents as { value: string }).value;
    assert.deepEqual(hover?.range, { start: { line: 1, character: 2 }, end: { line: 1, character: 5 } });
    assert.match(value, /Builds `api\/Dockerfile`, which has \d+ findings:/);
    assert.match(value, /line 4, warning: Use JSON form for CMD so the process receives signals\. \(`dockerfile\/json-form-cmd`\)/);
  });

  it('re-checks the Compose file when the Dockerfile it builds changes on disk', async () => {
    // The Dockerfile is known once the workspace is indexed, which re-checks open documents.
    const flagged = client.waitFor(pathToFileUri(compose), (p) => p.diagnostics.some((d) => d.code === 'compose/healthcheck-missing'));
    await client.open(compose, COMPOSE.replace(/ {4}healthcheck:\n.*\n/, ''), 'yaml');
    const before = (await flagged).diagnostics;
    assert.deepEqual(
      before.filter((d) => d.code === 'compose/healthcheck-missing').map((d) => d.range),
      [{ start: { line: 1, character: 2 }, end: { line: 1, character: 5 } }],
    );
    const dockerfile = path.join(dir, 'api/Dockerfile');
    fs.writeFileSync(dockerfile, `${DOCKERFILE}HEALTHCHECK CMD wget -qO- http://localhost:3000/health || exit 1\n`);
    const next = client.waitFor(pathToFileUri(compose), (p) => !p.diagnostics.some((d) => d.code === 'compose/healthcheck-missing'));
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileUri(dockerfile), type: 2 }] });
    await next;
  });

  it('goes from build.context to the Dockerfile', async () => {
    await client.open(compose, COMPOSE, 'yaml');
    const locs = await client.definition(compose, { line: 3, character: 17 });
    assert.deepEqual(
      (locs ?? []).map((l) => [path.relative(dir, decodeURIComponent(new URL(l.uri).pathname)), l.range.start.line]),
      [[path.join('api', 'Dockerfile'), 0]],
    );
  });
});
