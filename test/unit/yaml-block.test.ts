/**
 * The fast block-YAML reader must give exactly the library's parse wherever it answers, and must
 * answer for most real manifests (else it is dead weight).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments, type Document } from 'yaml';
import { YAML_OPTIONS } from '../../server/src/parse/yaml';
import { parseBlockYaml } from '../../server/src/parse/yaml-block';
import { seeded } from '../fuzz/mutate';
import { CORPUS, describeNodes, filesUnder, seededEdit } from './helpers';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures');

function describeDocs(docs: readonly Document.Parsed[]): unknown {
  return docs.map((doc) => ({
    range: doc.range,
    errors: doc.errors.map((e) => [e.code, e.pos]),
    warnings: doc.warnings.map((e) => [e.code, e.pos]),
    comment: doc.comment,
    commentBefore: doc.commentBefore,
    docStart: doc.directives.docStart,
    version: doc.directives.yaml.version,
    nodes: describeNodes(doc.contents),
    js: JSON.stringify(doc.toJS({ maxAliasCount: 1000 }), (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)),
    text: doc.toString(),
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
    ['flow sequences that nest or hold pairs', 'a: [b, [c]]\nd: [e: f]\n', false],
    ['multi-line plain scalars', 'description: a long\n  text that goes\n   on  \nb:\n- x\n  y\n- k: 1 2\n    3\n', true],
    ['multi-line plain scalars with blank lines', 'a: x\n\n  y\n', false],
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
      'a: !!str 1\n',
      'a: {b: 1}\n',
      'a:\tb\n',
      'a: "x\\ny"\n',
      'a: b\n  c: d\n',
      'a: 1\na: 2\n',
      '%YAML 1.2\n---\na: 1\n',
      'a: 1\n---\n',
      'a: 1\r\nb: 2\r\n',
      'a: b: c\n',
      '? a\n: b\n',
      'scalar\n',
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
});
