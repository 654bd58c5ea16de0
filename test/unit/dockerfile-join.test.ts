/** Joining a Dockerfile logical line: the joined text, and every joined offset mapped back to the document. */
import { strict as assert } from 'node:assert';
import { joinLines } from '../../server/src/dockerfile/model';

/** The document offset of every joined offset, one past the end included. */
function offsets(text: string, escape = '\\', stopAtNewline = false): { text: string; offsets: number[] } {
  const joined = joinLines(text, 0, text.length, escape, stopAtNewline);
  return { text: joined.text, offsets: Array.from({ length: joined.text.length + 1 }, (_, l) => joined.offset(l)) };
}

describe('joinLines', () => {
  it('drops an escaped line break, and the blank and comment lines after it', () => {
    const text = 'a \\\n  # note\n\n  b \\  \r\nc';
    assert.deepEqual(offsets(text), {
      text: 'a   b c',
      // 'a', ' ', then '  b ' after the comment and the blank line, then 'c' after the CRLF.
      offsets: [0, 1, 14, 15, 16, 17, 23, 24],
    });
  });

  it('keeps an escape that does not end a line, and ends at one followed only by blanks', () => {
    assert.deepEqual(offsets('echo a\\ b \\  '), { text: 'echo a\\ b ', offsets: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] });
  });

  it('uses the file escape character, and stops at a line break when asked', () => {
    assert.deepEqual(offsets('dir `\nc:\\ `\n', '`'), { text: 'dir c:\\ ', offsets: [0, 1, 2, 3, 6, 7, 8, 9, 12] });
    assert.deepEqual(offsets('cat <<EOF \\\n -n\nbody\nEOF', '\\', true), {
      text: 'cat <<EOF  -n',
      offsets: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 14, 15],
    });
  });

  it('maps offsets outside the joined text to its ends', () => {
    const joined = joinLines('x RUN a \\\nb', 6, 11, '\\', false);
    assert.equal(joined.text, 'a b');
    assert.deepEqual(
      [-1, 0, 1, 2, 3, 4].map((l) => joined.offset(l)),
      [6, 6, 7, 10, 11, 11],
    );
    const empty = joinLines('\\\n', 0, 2, '\\', false);
    assert.deepEqual([empty.text, empty.offset(-1), empty.offset(0), empty.offset(3)], ['', 2, 2, 2]);
  });
});
