import { strict as assert } from 'node:assert';
import { parseDocument, isMap, type YAMLMap } from 'yaml';
import { applyEdits } from '../../server/src/engine/engine';
import { LineIndex } from '../../server/src/engine/text';
import { indentStyle, mergeIntoMap, removePair, renameKey } from '../../server/src/k8s/edit';
import { findPair } from '../../server/src/parse/yaml';

function merge(text: string, path: string[], data: Record<string, unknown>): string {
  const doc = parseDocument(text);
  let node: unknown = doc.contents;
  for (const k of path) node = findPair(node, k)?.value;
  assert.ok(isMap(node));
  return applyEdits(text, mergeIntoMap(new LineIndex(text), node as YAMLMap, data, indentStyle(text)));
}

describe('k8s YAML edits', () => {
  it('reads the indentation step and sequence style', () => {
    assert.deepEqual(indentStyle('a:\n    b:\n    - c\n'), { unit: 4, indentSeq: false });
    assert.deepEqual(indentStyle('a:\n  b:\n    - c\n'), { unit: 2, indentSeq: true });
  });
  it('adds keys after the last key, keeping comments and order', () => {
    assert.equal(
      merge('a:\n  x: 1 # one\n  y: 2\nz: 3\n', ['a'], { n: { m: [1] } }),
      'a:\n  x: 1 # one\n  y: 2\n  n:\n    m:\n      - 1\nz: 3\n',
    );
  });
  it('merges into nested mappings and appends to sequences in the file style', () => {
    const text = 'c:\n    sc:\n        caps:\n            add:\n            - X\n';
    assert.equal(
      merge(text, ['c'], { sc: { caps: { add: ['Y'], drop: ['ALL'] } } }),
      'c:\n    sc:\n        caps:\n            add:\n            - X\n            - Y\n            drop:\n            - ALL\n',
    );
  });
  it('replaces empty flow values and merges flow mappings', () => {
    assert.equal(merge('c:\n  r: {}\n', ['c'], { r: { a: 1 } }), 'c:\n  r:\n    a: 1\n');
    assert.equal(merge('c:\n  r: {b: 2}\n', ['c'], { r: { a: 1 } }), 'c:\n  r:\n    b: 2\n    a: 1\n');
  });
  it('appends at the end of a file without a final newline', () => {
    assert.equal(merge('c:\n  a: 1', ['c'], { b: 2 }), 'c:\n  a: 1\n  b: 2\n');
  });
  it('renames a key and removes a pair with its lines', () => {
    const text = 'spec:\n  replicas: 3 # fixed\n  selector: {}\n';
    const doc = parseDocument(text);
    const spec = findPair(doc.contents, 'spec')!.value as YAMLMap;
    const lines = new LineIndex(text);
    assert.equal(applyEdits(text, [removePair(lines, spec, findPair(spec, 'replicas')!)!]), 'spec:\n  selector: {}\n');
    assert.equal(applyEdits(text, [renameKey(lines, findPair(spec, 'selector')!, 'sel')!]), 'spec:\n  replicas: 3 # fixed\n  sel: {}\n');
  });
});
