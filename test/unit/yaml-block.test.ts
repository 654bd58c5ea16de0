/**
 * The fast block-YAML reader must give exactly the library's parse wherever it answers, and must
 * answer for most real manifests (else it is dead weight).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { parseAllDocuments, type Document } from 'yaml';
import { YAML_OPTIONS } from '../../server/src/parse/yaml';
import { parseBlockYaml } from '../../server/src/parse/yaml-block';
import { seeded } from '../fuzz/mutate';
import { CORPUS, describeNodes, filesUnder, seededEdit } from './helpers';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures');

function describeDocs(docs: readonly Document.Parsed[]): unknown {
  return docs.map((doc) => ({
    range: doc.range,
    errors: doc.errors.map((e) => [e.code, e.pos, e.message]),
    warnings: doc.warnings.map((e) => [e.code, e.pos]),
    comment: doc.comment,
    commentBefore: doc.commentBefore,
    docStart: doc.directives.docStart,
    version: doc.directives.yaml.version,
    nodes: describeNodes(doc.contents),
    js: JSON.stringify(doc.toJS({ maxAliasCount: 1000 }), (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)),
    text: doc.errors.length ? undefined : doc.toString(),
  }));
}

/** Compares the reader with the library on `text`; true when the reader answered. */
function same(text: string, name: string): boolean {
  const fast = parseBlockYaml(text, YAML_OPTIONS);
  if (!fast) return false;
  assert.deepEqual(describeDocs(fast), describeDocs(parseAllDocuments(text, YAML_OPTIONS) as Document.Parsed[]), name);
  return true;
}

const FRAGMENTS = [
  '{',
  '_',
  '[a, "b"]',
  ',',
  ']',
  'x',
  ' ',
  '  ',
  ':',
  ': ',
  '- ',
  '-',
  '\n- ',
  '#',
  ' # c',
  '# c\n',
  '"',
  "'",
  '{}',
  '[]',
  '\n',
  '\n\n',
  '\n---\n',
  '---',
  '|',
  '>',
  '|-\n',
  '1',
  '0x',
  '.5',
  'true',
  '~',
  'null',
  '\\',
  'é',
];

function yamlFiles(dir: string, limit = Infinity): string[] {
  return fs.existsSync(dir) ? filesUnder(dir, (name) => /\.ya?ml$/.test(name), limit) : [];
}

describe('Block YAML reader', () => {
  const cases: [string, string, boolean][] = [
    ['mapping of scalars', "a: 1\nb: two\nc: \"3\"\nd: 'it''s'\ne:\nf: ~\ng: 0x1F\nh: 1e3\ni: .nan\n", true],
    ['nested blocks', 'a:\n  b:\n    - x\n    - y: 1\n      z: [ ]\n  c: {}\nd:\n- 1\n-\n- k: v\n', true],
    ['literal and folded', 'a: |\n  x\n\n  y\n\nb: >-\n  f\n  g\n\n   h\n  i\nc: 1\n', true],
    ['documents', 'a: 1\n---\nb: 2\n\n---\n- c\n', true],
    ['blank lines', 'a: 1\n\nb:\n\n  c: 1\n\n  d:\n  - 1\n\n  - 2\n\n-\n', false],
    ['blank lines that parse', 'a: 1\n\nb:\n\n  c: 1\n\n  d:\n  - 1\n\n  - 2\n', true],
    [
      'comments',
      '# head\n\n# lead\na: 1 # one\n# before b\n\nb:\n  # inside\n\n  c: |\n    # text\n  d:\n  - 1\n  # two\n  - 2\n# tail\n',
      true,
    ],
    ['flow sequences', 'a: ["/x.sh", b ,  c,d]  # t\nb: [ 1 ]\nc: [x, ]\nd: []\ne:\n- [\'q\', 2.5]\n', true],
    ['flow sequences that nest or hold pairs', 'a: [b, [c]]\nd: [e: f]\n', true],
    ['multi-line plain scalars', 'description: a long\n  text that goes\n   on  \nb:\n- x\n  y\n- k: 1 2\n    3\n', true],
    ['multi-line plain scalars with blank lines', 'a: x\n\n  y\n', true],
    ['keys with spaces inside', 'a  b: 1\nc:\n  d e: 2\n', true],
    ['keys with spaces before the colon', 'a : 1\n', false],
    [
      'comments that close a collection',
      'a:\n  b:\n  - x: 1\n    y: 2\n    # p1\n  # p2\n  c: 3\n  d:\n    - e\n    # f\n# g\nh: 1\n',
      true,
    ],
    ['comments that close no collection', 'a:\n  b: 1\n # c\nd: 2\n', false],
    ['comments after a document marker', 'a: 1\n---\n# one\n\n# two\nb: 2\n---\n\n# three\n- c\n', true],
    ['empty values before blank lines and the next key', 'service:\n\nx: 1\nr:\n  s:\n\n  t: 1\nu:\n- a:\n\n  c: 1\n', true],
    ['empty values before blank lines', 'x:\n  a:\n\n---\na:\n\n---\nx:\n-\n\n- b\n-\n\n  c: 1\n---\n- a:\n', true],
  ];
  for (const [name, text, answers] of cases) {
    it(`${answers ? 'reads' : 'leaves to the library'}: ${name}`, () => {
      assert.equal(same(text, name), answers);
    });
  }

  it('leaves to the library what it does not read', () => {
    for (const text of [
      'a:\n  b: 1\n  # comment\n\n  # more\nc: 2\n',
      'a: 1\n  \nb: 2\n',
      'a: &x 1\nb: *x\n',
      'a:\tb\n',
      'a: 1\na: 2\n',
      '%YAML 1.2\n---\na: 1\n',
      'a: 1\n---\n',
      'a: 1\r\nb: 2\r\n',
      '? a\n: b\n',
      'scalar\n',
    ]) {
      assert.equal(parseBlockYaml(text, YAML_OPTIONS), undefined, JSON.stringify(text));
    }
  });

  it('has the library parse an entry it does not read, and reads the rest', () => {
    for (const text of [
      'a: !!str 1\nb: 2\n',
      'a: {b: 1}\n',
      'a: "x\\ny"\n',
      'a: b\n  c: d\n',
      'a: b: c\n',
      // A comment before a sequence at the key's column is the sequence's, which the library reads.
      'a: 1\nspec:\n  ports:\n    # the port\n  - port: 27017\n    targetPort: 27017\n  selector:\n    name: carts-db\n',
      // Broken while typing, in the middle of a Deployment: the library's errors, the reader's nodes.
      'spec:\n  replicas: 1\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx: 1\n          ports:\n            - containerPort: 80\n  selector: {}\n',
      'spec:\n  template:\n    spec:\n      containers:\n      - name: web\n         x image: nginx\n        ports: []\n  selector: {}\n',
      'spec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: nginx\n         ports: []\n  selector: {}\n',
    ]) {
      assert.ok(same(text, JSON.stringify(text)), JSON.stringify(text));
    }
  });

  it('leaves the whole text to the library where a broken entry reaches beyond its lines', () => {
    for (const text of [
      // An open quote runs on over the lines after it.
      'spec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: "nginx\n          ports:\n            - containerPort: 80\n  selector: {}\n',
      // A line that is no key may continue what comes before it.
      'a:\n  b:\n    image: x.|-\n2\n    ports:\n      - 1\n',
      // An open quote at the end of a document runs on over the `---`.
      "a:\n  b: '7070\n---\nc: 1\n",
      // After a stray `]` the library reads nothing more of the document.
      'spec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: nginx\n   ]    ports: []\n  selector: {}\n',
      // After a stray `>` the library reads no more keys: the next line is no key of the mapping.
      'spec:\n  accessModes: [ "R" ]>\n1  resources:\n    requests:\n      storage: 200Gi\n',
      // After a `?` line the library leaves the rest of the document out of every node.
      "a:\n  ?      - b: 1\n  c:\n    d: '7070\n---\ne: 1\n",
    ]) {
      assert.equal(parseBlockYaml(text, YAML_OPTIONS), undefined, JSON.stringify(text));
    }
  });

  it('gives the library parse for the fixtures and the corpus, and reads most manifests', function () {
    this.timeout(120_000);
    let read = 0;
    for (const file of [...yamlFiles(FIXTURES), ...yamlFiles(CORPUS)]) if (same(fs.readFileSync(file, 'utf8'), file)) read++;
    const manifests = fs.existsSync(CORPUS) ? yamlFiles(path.join(CORPUS, 'k8s')) : yamlFiles(FIXTURES);
    if (!fs.existsSync(CORPUS)) console.log(`      (no corpus at ${CORPUS}: fixtures only)`);
    const readManifests = manifests.filter((file) => parseBlockYaml(fs.readFileSync(file, 'utf8'), YAML_OPTIONS)).length;
    assert.ok(readManifests > manifests.length / 2, `read ${readManifests} of ${manifests.length} manifests`);
    assert.ok(read >= readManifests);
  });

  it('gives the library parse for seeded edits of the fixtures and the corpus', function () {
    this.timeout(300_000);
    const random = seeded(17);
    const files = [...yamlFiles(FIXTURES), ...yamlFiles(path.join(CORPUS, 'k8s'))];
    let read = 0;
    let tried = 0;
    for (const file of files) {
      const original = fs.readFileSync(file, 'utf8');
      if (original.length > 20_000) continue;
      let text = original;
      for (let step = 0; step < 12; step++) {
        // Runs of three edits from the original: one edit alone rarely breaks the subset, three often do.
        text = seededEdit(step % 3 === 0 ? original : text, random, FRAGMENTS);
        tried++;
        if (same(text, `${file}, edit ${step}`)) read++;
      }
    }
    assert.ok(read > tried / 5, `read ${read} of ${tried} edits`);
  });

  it('has the library parse a few entries of a document at most before it parses the whole text', () => {
    // Thirty nested keys over a value with a stray `]`: the library reads nothing after it, so each
    // entry around it fails the check of the line after it, and would parse its lines again.
    let text = '';
    for (let i = 0; i < 30; i++) text += `${' '.repeat(2 * i)}k${i}:\n`;
    const broken = `${text}${' '.repeat(60)}x: ]\n${' '.repeat(58)}y: 1\n`;
    // The module object the reader calls into (an import gives a copy with getters).
    const library = createRequire(__filename)('yaml') as { parseDocument: (...args: unknown[]) => unknown };
    const parseDocument = library.parseDocument;
    let parses = 0;
    library.parseDocument = (...args) => {
      parses++;
      return parseDocument(...args);
    };
    try {
      assert.equal(parseBlockYaml(broken, YAML_OPTIONS), undefined);
      assert.equal(parses, 2);
      // An entry that the library reads is no attempt that failed: one parse for each flow mapping.
      parses = 0;
      const flows = `${text}${Array.from({ length: 5 }, (_, i) => `${' '.repeat(60)}f${i}: {a: ${i}}\n`).join('')}`;
      assert.ok(same(flows, 'flow mappings'));
      assert.equal(parses, 5);
    } finally {
      library.parseDocument = parseDocument;
    }
  });

  it('gives the library parse for keystrokes, and reads a third of those that break the YAML', function () {
    this.timeout(300_000);
    const random = seeded(29);
    const keys = 'abcxyz019 :-_.#"\'{}[]|>!&*?,\n';
    let broken = 0;
    let brokenRead = 0;
    for (const file of [...yamlFiles(FIXTURES), ...yamlFiles(path.join(CORPUS, 'k8s'))]) {
      const original = fs.readFileSync(file, 'utf8');
      if (original.length > 20_000) continue;
      let text = original;
      for (let step = 0; step < 20; step++) {
        // Runs of four keystrokes from the original, each at a random place.
        if (step % 4 === 0) text = original;
        const at = Math.floor(random() * (text.length + 1));
        text = text.slice(0, at) + keys[Math.floor(random() * keys.length)]! + text.slice(at);
        const read = same(text, `${file}, keystroke ${step}`);
        if (!parseAllDocuments(text, YAML_OPTIONS).some((doc) => doc.errors.length > 0)) continue;
        broken++;
        if (read) brokenRead++;
      }
    }
    // Without the library's parse of the broken entry the reader read none of them; with it, about a third.
    assert.ok(brokenRead > broken / 4, `read ${brokenRead} of ${broken} broken texts`);
  });
});
