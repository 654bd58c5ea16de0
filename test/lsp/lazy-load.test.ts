/** Parsers and schemas load on first need, per document kind, in each thread of the server. */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { tempWorkspace } from '../unit/helpers';
import { LspClient } from './client';

const DOCKERFILE = 'FROM alpine:3.20\nMAINTAINER Jane\nRUN apt install curl\n';
const POD =
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      imagePullPolicyy: Always\n';

const summary = (ds: Diagnostic[], code: string) =>
  ds.filter((d) => d.code === code).map((d) => [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]);

describe('loading on first need', () => {
  let client: LspClient;
  afterEach(async () => {
    const code = await client.shutdown();
    assert.equal(code, 0, client.stderr);
  });

  /** The server's log lines, in order. */
  const logs = () =>
    client.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message);

  it('never loads the Kubernetes schemas in a Dockerfile-only session, and checks a manifest opened later with them', async () => {
    const dir = tempWorkspace({ Dockerfile: DOCKERFILE, 'app/main.go': 'package main\n' });
    client = new LspClient();
    const indexed = client.waitForNotification('shipshape/indexStatus', (s) => (s as { state: string }).state === 'ready');
    await client.initialize(dir);
    const dockerfile = await client.open(path.join(dir, 'Dockerfile'), DOCKERFILE, 'dockerfile');
    // The shell parser loaded before the check: its rules ran.
    assert.deepEqual(summary(dockerfile, 'dockerfile/apt-not-apt-get'), [[2, 4, 2, 7]]);
    await indexed;
    const hover = await client.hover(path.join(dir, 'Dockerfile'), { line: 1, character: 2 });
    assert.ok(hover, 'the Dockerfile hover answers');
    assert.deepEqual(
      logs().filter((m) => m.startsWith('Shipshape loaded') || m.startsWith('Shipshape could not load')),
      ['Shipshape loaded the shell parser (tree-sitter-bash).'],
    );

    const pod = await client.open(path.join(dir, 'pod.yaml'), POD, 'yaml');
    assert.deepEqual(summary(pod, 'k8s/schema-unknown-field'), [[8, 6, 8, 22]]);
    assert.ok(logs().includes('Shipshape loaded the Kubernetes schemas.'), logs().join('\n'));
    assert.ok(!logs().includes('Shipshape loaded the Kubernetes field descriptions.'), 'no hover asked for a description yet');

    // The request thread reads the field descriptions on the first hover that shows one.
    const field = await client.hover(path.join(dir, 'pod.yaml'), { line: 7, character: 8 });
    assert.match(JSON.stringify(field?.contents), /image/i);
    assert.ok(logs().includes('Shipshape loaded the Kubernetes field descriptions.'), logs().join('\n'));
  });

  it('loads no shell parser for a manifest-only session', async () => {
    const dir = tempWorkspace({ 'k8s/pod.yaml': POD });
    client = new LspClient();
    await client.initialize(dir);
    const pod = await client.open(path.join(dir, 'k8s', 'pod.yaml'), POD, 'yaml');
    assert.deepEqual(summary(pod, 'k8s/schema-unknown-field'), [[8, 6, 8, 22]]);
    assert.deepEqual(
      logs().filter((m) => m.startsWith('Shipshape loaded')),
      ['Shipshape loaded the Kubernetes schemas.'],
    );
  });
});
