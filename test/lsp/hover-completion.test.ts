import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import type { CompletionList, Hover, MarkupContent, Range } from 'vscode-languageserver';
import { tempWorkspace } from '../unit/helpers';
import { LspClient } from './client';

const rng = (line: number, start: number, end: number, endLine = line): Range => ({
  start: { line, character: start },
  end: { line: endLine, character: end },
});
const markdown = (h: Hover | null): string => {
  assert.ok(h, 'a hover');
  const c = h.contents as MarkupContent;
  assert.equal(c.kind, 'markdown');
  return c.value;
};
const labels = (l: CompletionList | null): string[] => (l?.items ?? []).map((i) => i.label);

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          # shipshape-ignore k8s/image-latest-tag
          image: nginx
          imagePullPolicy: Always
          ima
`;

describe('hover and completion over stdio', () => {
  let client: LspClient;
  let dir: string;
  let manifest: string;
  let dockerfile: string;

  before(async () => {
    dir = tempWorkspace({});
    client = new LspClient();
    await client.initialize(dir);
    manifest = path.join(dir, 'deploy.yaml');
    dockerfile = path.join(dir, 'Dockerfile');
    await client.open(manifest, MANIFEST, 'yaml');
    await client.open(dockerfile, '# hadolint ignore=DL4000\nFROM alpine:3.20\n# shipshape-ignore \nUSER 10001\n', 'dockerfile');
  });
  after(async () => {
    assert.equal(await client.shutdown(), 0, client.stderr);
  });

  it('advertises hover and completion with trigger characters', async () => {
    const c = new LspClient();
    const res = (await c.initialize(dir)) as {
      capabilities: { hoverProvider: boolean; completionProvider: { triggerCharacters: string[] } };
    };
    assert.equal(res.capabilities.hoverProvider, true);
    assert.deepEqual(res.capabilities.completionProvider.triggerCharacters, [' ', ',', '=']);
    await c.shutdown();
  });

  it('hovers a Dockerfile instruction keyword', async () => {
    const h = await client.hover(dockerfile, { line: 3, character: 2 });
    assert.deepEqual(h!.range, rng(3, 0, 4));
    const md = markdown(h);
    assert.match(md, /^\*\*USER\*\* — /);
    assert.match(md, /numeric, non-root UID/);
    assert.match(md, /\(https:\/\/docs\.docker\.com\/reference\/dockerfile\/#user\)/);
  });

  it('hovers nothing on an instruction argument', async () => {
    assert.equal(await client.hover(dockerfile, { line: 1, character: 8 }), null);
  });

  it('hovers a rule id in a suppression comment with its title, docs and fix', async () => {
    const h = await client.hover(manifest, { line: 15, character: 35 });
    assert.deepEqual(h!.range, rng(15, 29, 49));
    const md = markdown(h);
    assert.match(md, /^\*\*k8s\/image-latest-tag\*\* — Container image uses latest or no tag \(default: warning\)/);
    assert.match(md, /\*\*Fix:\*\* /);
    assert.match(md, /docs\/rules\/k8s\/image-latest-tag\.md\)$/);
  });

  it("hovers another tool's id with the Shipshape rule it maps to", async () => {
    const h = await client.hover(dockerfile, { line: 0, character: 20 });
    assert.deepEqual(h!.range, rng(0, 18, 24));
    assert.match(markdown(h), /^`hadolint:DL4000` is Shipshape's:\n\n\*\*dockerfile\/maintainer-deprecated\*\*/);
  });

  it('hovers a Kubernetes field with its schema type and description', async () => {
    const h = await client.hover(manifest, { line: 17, character: 14 });
    assert.deepEqual(h!.range, rng(17, 10, 25));
    const md = markdown(h);
    assert.match(md, /^\*\*imagePullPolicy\*\*: `"Always" \| "IfNotPresent" \| "Never"`\n\n/);
    assert.match(md, /Image pull policy/);
  });

  it('hovers a required field as required', async () => {
    const h = await client.hover(manifest, { line: 5, character: 4 });
    assert.deepEqual(h!.range, rng(5, 2, 10));
    assert.match(markdown(h), /^\*\*selector\*\*: `LabelSelector` \(required\)/);
  });

  it('completes rule ids after # shipshape-ignore, those for this file kind first', async () => {
    const list = await client.completion(dockerfile, { line: 2, character: 19 }, ' ');
    const items = list!.items;
    const item = items.find((i) => i.label === 'dockerfile/maintainer-deprecated');
    assert.ok(item, labels(list).join(' '));
    assert.equal(item.detail, 'MAINTAINER is deprecated');
    assert.deepEqual(item.textEdit, { range: rng(2, 19, 19), newText: 'dockerfile/maintainer-deprecated' });
    const rank = (id: string) => items.find((i) => i.label === id)!.sortText!;
    assert.ok(rank('dockerfile/maintainer-deprecated') < rank('k8s/image-latest-tag'), 'rules for Dockerfiles sort first');
  });

  it('completes only the ids not already listed, replacing the partial id', async () => {
    const file = path.join(dir, 'more.yaml');
    await client.open(file, 'apiVersion: v1\nkind: Pod\n# shipshape-ignore-file yaml/syntax, k8s/image-la\n', 'yaml');
    const list = await client.completion(file, { line: 2, character: 49 });
    assert.ok(!labels(list).includes('yaml/syntax'));
    const item = list!.items.find((i) => i.label === 'k8s/image-latest-tag')!;
    assert.deepEqual(item.textEdit, { range: rng(2, 37, 49), newText: 'k8s/image-latest-tag' });
  });

  it('completes the fields a container may still have', async () => {
    const list = await client.completion(manifest, { line: 18, character: 13 });
    const got = labels(list);
    for (const f of ['args', 'command', 'env', 'resources', 'securityContext', 'livenessProbe']) assert.ok(got.includes(f), f);
    for (const f of ['name', 'image', 'imagePullPolicy']) assert.ok(!got.includes(f), `${f} is already there`);
    const res = list!.items.find((i) => i.label === 'resources')!;
    assert.equal(res.detail, 'ResourceRequirements');
    assert.equal(res.insertTextFormat, 2);
    assert.deepEqual(res.textEdit, { range: rng(18, 10, 13), newText: 'resources:\n  $0' });
    const pol = list!.items.find((i) => i.label === 'terminationMessagePolicy')!;
    assert.equal((pol.textEdit as { newText: string }).newText, 'terminationMessagePolicy: ${1|FallbackToLogsOnError,File|}$0');
  });

  it('completes enum values', async () => {
    const list = await client.completion(manifest, { line: 17, character: 27 });
    assert.deepEqual(labels(list), ['Always', 'IfNotPresent', 'Never']);
    assert.deepEqual(list!.items[0]!.textEdit, { range: rng(17, 27, 33), newText: 'Always' });
  });

  it('completes kinds of the apiVersion', async () => {
    const list = await client.completion(manifest, { line: 1, character: 6 });
    const got = labels(list);
    assert.ok(got.includes('Deployment') && got.includes('StatefulSet') && got.includes('DaemonSet'));
    assert.ok(!got.includes('Pod'), 'Pod is not apps/v1');
  });

  it('offers nothing inside an ordinary comment', async () => {
    const file = path.join(dir, 'c.yaml');
    await client.open(file, 'apiVersion: v1\nkind: Pod\n# just a note \n', 'yaml');
    assert.equal(await client.completion(file, { line: 2, character: 14 }, ' '), null);
  });
});
