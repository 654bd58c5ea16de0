import { strict as assert } from 'node:assert';
import { keysOf, placeAt, splitLines } from '../../server/src/services/yamlPath';

/** The place at the `¦` in `text` (the mark is removed first). */
function at(text: string) {
  const offset = text.indexOf('¦');
  const clean = text.slice(0, offset) + text.slice(offset + 1);
  const before = clean.slice(0, offset).split('\n');
  return placeAt(splitLines(clean), before.length - 1, before[before.length - 1]!.length);
}

describe('YAML place at a position', () => {
  it('finds a key and its parent mapping', () => {
    assert.deepEqual(at('spec:\n  strategy:\n    ty¦pe: Recreate\n'), {
      type: 'key',
      parent: ['spec', 'strategy'],
      word: 'type',
      start: 4,
      end: 8,
    });
  });

  it('finds a value and its path, without quotes', () => {
    assert.deepEqual(at('spec:\n  type: "Cluster¦IP"\n'), { type: 'value', path: ['spec', 'type'], word: 'ClusterIP', start: 9, end: 18 });
  });

  it('numbers sequence items, indented and compact', () => {
    const text = 'containers:\n  - name: a\n  - name: b\n    im¦\nvolumes:\n- name: x\n- name: y\n  em\n';
    assert.deepEqual(at(text), { type: 'key', parent: ['containers', 1], word: 'im', start: 4, end: 6 });
    const compact = text.replace('    im¦', '    im').replace('  em', '  em¦');
    assert.deepEqual(at(compact), { type: 'key', parent: ['volumes', 1], word: 'em', start: 2, end: 4 });
  });

  it('handles nested sequences on one line', () => {
    assert.deepEqual(at('a:\n  - - b: 1\n      c¦\n'), { type: 'key', parent: ['a', 0, 0], word: 'c', start: 6, end: 7 });
  });

  it('takes an empty indented line as a key position at the cursor column', () => {
    assert.deepEqual(at('spec:\n  template:\n    ¦\n'), { type: 'key', parent: ['spec', 'template'], word: '', start: 4, end: 4 });
    assert.deepEqual(at('spec:\n  template:\n  ¦\n'), { type: 'key', parent: ['spec'], word: '', start: 2, end: 2 });
  });

  it('skips block scalars and stays inside one document', () => {
    assert.deepEqual(at('a:\n  script: |\n    x: 1\n  y¦\n'), { type: 'key', parent: ['a'], word: 'y', start: 2, end: 3 });
    assert.equal(at('a:\n  script: |\n    x¦: 1\n'), undefined);
    assert.deepEqual(at('a:\n  b: 1\n---\nc¦\n'), { type: 'key', parent: [], word: 'c', start: 0, end: 1 });
  });

  it('reads quoted keys and ignores comments', () => {
    assert.deepEqual(at('"a b":\n  c¦\n'), { type: 'key', parent: ['a b'], word: 'c', start: 2, end: 3 });
    assert.equal(at('a: 1 # no¦te\n'), undefined);
  });

  it('lists the keys of a document with their parents', () => {
    const keys = keysOf(splitLines('a:\n  - b: 1\n    c: 2\n  - b: 3\n---\nz: 1\n'), 0).map((k) => [k.key, k.parent.join('.')]);
    assert.deepEqual(keys, [
      ['a', ''],
      ['b', 'a.0'],
      ['c', 'a.0'],
      ['b', 'a.1'],
    ]);
  });

  it('answers nothing past 200 levels of nesting, in time linear in the line (20,000 markers on one line)', () => {
    const lines = splitLines(`spec:\n  ${'- '.repeat(20_000)}a: 1\n`);
    assert.equal(placeAt(lines, 1, 40_003), undefined);
    assert.deepEqual(
      keysOf(lines, 1).map((k) => k.key),
      ['spec'],
    );
    const ok = splitLines(`spec:\n  ${'- '.repeat(150)}a: 1\n`);
    assert.equal(placeAt(ok, 1, 302)?.type, 'key');
  });
});
