/**
 * A re-parse after an edit takes over the documents before the first changed one; the result must
 * be exactly what a parse from scratch gives, whatever the edit.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseYaml, type YamlDocument } from '../../server/src/parse/yaml';
import { lint, parseAs } from '../../server/src/engine/engine';
import { Project } from '../../server/src/engine/project';
import { pathToFileUri } from '../../server/src/engine/uri';
import { RULES } from '../../server/src/rules';
import { seeded } from '../fuzz/mutate';
import { CORPUS, describeNodes, filesUnder, seededEdit, summary, tempWorkspace } from './helpers';
import { engineReady } from './ready';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures');

/** Everything Shipshape reads from a parse, as plain data. */
function describeParse(d: YamlDocument): unknown {
  return {
    errors: d.errors,
    objects: d.objects.map((o) => ({ ...o, doc: undefined, root: undefined, same: o.root === o.doc.contents })),
    docs: d.docs.map((doc) => ({
      range: doc.range,
      errors: doc.errors.map((e) => [e.code, e.message, e.pos]),
      warnings: doc.warnings.map((e) => [e.code, e.message, e.pos]),
      comment: doc.comment,
      commentBefore: doc.commentBefore,
      nodes: describeNodes(doc.contents),
    })),
  };
}

const FRAGMENTS = [
  'x',
  ' ',
  '  ',
  ':',
  '- ',
  '#',
  '# c\n',
  '"',
  "'",
  '{',
  '[',
  '\n',
  '\n---\n',
  '---',
  '...\n',
  '%YAML 1.2\n',
  '&a ',
  '*a',
  '|',
  '\t',
  '\r\n',
];

/** Applies `steps` seeded edits, each re-parsed from the previous parse, comparing with a parse from scratch. */
function chain(name: string, text: string, steps: number, seed: number): { reused: number; tails: number } {
  const random = seeded(seed);
  let doc = parseYaml(text, 'manifest');
  let reused = 0;
  let tails = 0;
  for (let step = 0; step < steps; step++) {
    const next = seededEdit(doc.text, random, FRAGMENTS);
    // Each step gives up the previous parse, so the documents after the change may be taken over too.
    const incremental = parseYaml(next, 'manifest', doc, true);
    assert.deepEqual(describeParse(incremental), describeParse(parseYaml(next, 'manifest')), `${name}, edit ${step} (seed ${seed})`);
    if (incremental.docs[0] && incremental.docs[0] === doc.docs[0]) reused++;
    if (incremental.docs.length > 1 && incremental.docs.at(-1) === doc.docs.at(-1)) tails++;
    doc = incremental;
  }
  return { reused, tails };
}

/** The YAML files under `dir` with a `---` line, in name order; at most `limit`. */
function yamlFilesUnder(dir: string, limit: number): string[] {
  return filesUnder(dir, (name, file) => /\.ya?ml$/.test(name) && /^---/m.test(fs.readFileSync(file, 'utf8')), limit);
}

const THREE =
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: c\n';

describe('YAML re-parse after an edit', () => {
  it('reports the library errors of broken YAML without stack traces, and restores the limit', () => {
    const limit = Error.stackTraceLimit;
    const d = parseYaml('apiVersion: v1\nkind: Pod\nspec: [\n  x: {\n', 'manifest');
    const errors = d.docs.flatMap((doc) => doc.errors);
    assert.ok(errors.length > 0);
    assert.deepEqual(
      d.errors.map((e) => e.message),
      errors.map((e) => e.message.split('\n')[0]),
    );
    // Capturing them cost a tenth of such a parse, and two thirds with dozens of errors.
    for (const e of errors) assert.equal(e.stack?.includes('\n    at '), false, e.stack);
    assert.equal(Error.stackTraceLimit, limit);
  });

  it('takes over the documents and objects before the changed one', () => {
    const first = parseYaml(THREE, 'manifest');
    const next = parseYaml(THREE.replace('name: c', 'name: C'), 'manifest', first);
    assert.deepEqual(
      next.docs.map((d, i) => d === first.docs[i]),
      [true, true, false],
    );
    assert.deepEqual(
      next.objects.map((o, i) => o === first.objects[i]),
      [true, true, false],
    );
    assert.equal(next.objects[2]!.name, 'C');
    assert.deepEqual(next.objects[2]!.range, { start: { line: 10, character: 0 }, end: { line: 14, character: 0 } });
    // The new document's nodes point into the whole text, not into the part that was parsed.
    const name = (next.docs[2]!.contents as { get(k: string, keep: true): { get(k: string, keep: true): { range: number[] } } })
      .get('metadata', true)
      .get('name', true);
    assert.equal(next.text.slice(name.range[0], name.range[1]), 'C');
  });

  it('parses from scratch when the edit is in the first document, or the file has directives or document ends', () => {
    const first = parseYaml(THREE, 'manifest');
    const early = parseYaml(THREE.replace('name: a', 'name: A'), 'manifest', first);
    assert.equal(early.docs[0] === first.docs[0], false);
    for (const changed of [`%YAML 1.2\n---\n${THREE}`.replace('name: c', 'name: C'), THREE.replace('---', '...\n---')]) {
      const previous = parseYaml(changed.replace('name: C', 'name: c'), 'manifest');
      const next = parseYaml(changed, 'manifest', previous);
      assert.equal(next.docs[0] === previous.docs[0], false, JSON.stringify(changed));
      assert.deepEqual(describeParse(next), describeParse(parseYaml(changed, 'manifest')));
    }
    // A file opening with a blank line and `---`: edits on that line, in its document and after it.
    const opening = '\n--- \na: 1\n---\nb: 2\n';
    for (const next of ['\n---  \na: 1\n---\nb: 2\n', '\n---x\na: 1\n---\nb: 2\n', '\n--- \na: 12\n---\nb: 2\n', `${opening}c: 3\n`]) {
      assert.deepEqual(
        describeParse(parseYaml(next, 'manifest', parseYaml(opening, 'manifest'))),
        describeParse(parseYaml(next, 'manifest')),
      );
    }
    // A `---` that stops being a document start (`---x`) is part of the change.
    const unmarked = parseYaml(
      THREE.replace('---\napiVersion: v1\nkind: Service', '---x\napiVersion: v1\nkind: Service'),
      'manifest',
      first,
    );
    assert.deepEqual(describeParse(unmarked), describeParse(parseYaml(unmarked.text, 'manifest')));
    assert.equal(unmarked.docs.length, 2);
  });

  it('gives the parse from scratch for seeded edits of the manifest fixtures', () => {
    const files = yamlFilesUnder(path.join(FIXTURES, 'rules'), 60);
    assert.ok(files.length >= 10, `expected multi-document YAML fixtures, found ${files.length}`);
    let reused = 0;
    let tails = 0;
    files.forEach((file, i) => {
      const n = chain(path.relative(FIXTURES, file), fs.readFileSync(file, 'utf8'), 30, i + 1);
      reused += n.reused;
      tails += n.tails;
    });
    assert.ok(reused > 100, `expected most edits to reuse a document, got ${reused}`);
    assert.ok(tails > 100, `expected most edits to take over the documents after the change, got ${tails}`);
  });

  it('gives the parse from scratch for seeded edits of the public corpus', function () {
    this.timeout(120_000);
    const dir = path.join(CORPUS, 'k8s');
    if (!fs.existsSync(dir)) {
      console.log(`  (skipped: no corpus at ${dir})`);
      this.skip();
    }
    const files = yamlFilesUnder(dir, 60);
    files.forEach((file, i) => chain(path.relative(dir, file), fs.readFileSync(file, 'utf8'), 15, 100 + i));
  });
});

describe('Findings after an edit of a long manifest', () => {
  /** A workload with a container problem in every document, and parity facts, schema issues and pod specs to keep. */
  const workload = (i: number) =>
    [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      `  name: web-${i}`,
      '  labels:',
      `    app: web-${i}`,
      'spec:',
      `  replicas: ${i % 3 === 0 ? '"two"' : i}`,
      '  selector:',
      '    matchLabels:',
      `      app: web-${i}`,
      '  template:',
      '    metadata:',
      '      labels:',
      `        app: web-${i}`,
      '    spec:',
      '      containers:',
      `        - name: app`,
      `          image: registry.example.com/web:${i % 2 ? 'latest' : '1.2.3'}`,
      '          ports:',
      `            - containerPort: ${8000 + i}`,
      ...(i % 4 === 0 ? ['          imagePullPolcy: Always'] : []),
      '',
    ].join('\n');

  it('are those of a parse from scratch, edit after edit, though the documents before the change are kept', () => {
    const text = Array.from({ length: 12 }, (_, i) => workload(i)).join('---\n');
    const dir = tempWorkspace({ 'all.yaml': text });
    const uri = pathToFileUri(path.join(dir, 'all.yaml'));
    const project = Project.create(engineReady(), RULES, [dir]);
    const random = seeded(7);
    let current = text;
    let kept = 0;
    let previous: YamlDocument | undefined;
    for (let step = 0; step < 40; step++) {
      current = seededEdit(current, random, FRAGMENTS);
      project.updateIndex(uri, current);
      const incremental = project.lint({ uri, text: current });
      const env = { rules: RULES, config: project.configFor(uri), workspace: project.index, probe: project.probe, ready: engineReady() };
      const fresh = lint({ uri, text: current }, env, { kind: 'manifest', chartRoot: undefined, doc: parseYaml(current, 'manifest') });
      assert.deepEqual(summary(incremental.findings), summary(fresh.findings), `edit ${step}`);
      assert.deepEqual(
        incremental.findings.map((f) => f.message),
        fresh.findings.map((f) => f.message),
      );
      const doc = parseAs('manifest', current) as YamlDocument;
      if (previous && doc.objects[0] && doc.objects[0] === previous.objects[0]) kept++;
      previous = doc;
    }
    assert.ok(kept > 10, `expected edits to keep the first document's object, got ${kept}`);
  });
});
