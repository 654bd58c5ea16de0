import { strict as assert } from 'node:assert';
import { LineSplitter, MAX_LINE_LENGTH } from '../../../client/src/cluster/api';

function split(chunks: string[], max?: number): string[] {
  const out: string[] = [];
  const s = new LineSplitter((l) => out.push(l), max);
  for (const c of chunks) s.push(c);
  return out;
}

describe('log line splitting', () => {
  it('hands on complete lines, joining lines cut across chunks', () => {
    assert.deepEqual(split(['a\nb', 'c\n', '\nd\ne']), ['a', 'bc', '', 'd']);
  });

  it('keeps a line of exactly the cap whole', () => {
    assert.deepEqual(split(['abcd\n'], 4), ['abcd']);
  });

  it('cuts a line longer than the cap into pieces of the cap, across chunks', () => {
    assert.deepEqual(split(['abc', 'defgh', 'ij\nk'], 4), ['abcd', 'efgh', 'ij']);
  });

  it('cuts a stream without newlines at 64 KB while it arrives', () => {
    const out: string[] = [];
    const s = new LineSplitter((l) => out.push(l));
    const chunk = 'x'.repeat(1000);
    for (let i = 0; i < 200; i++) s.push(chunk);
    assert.equal(MAX_LINE_LENGTH, 65536);
    assert.deepEqual(
      out.map((l) => l.length),
      [65536, 65536, 65536],
    );
    s.push('\n');
    assert.deepEqual(
      out.map((l) => l.length),
      [65536, 65536, 65536, 200_000 - 3 * 65536],
    );
  });
});
