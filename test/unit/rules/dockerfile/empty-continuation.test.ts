import { strict as assert } from 'node:assert';
import { applyFirstFix, lintString, summary } from '../../helpers';

const ID = 'dockerfile/empty-continuation';
const found = (text: string) => summary(lintString(text, { only: ID }));

describe(ID, () => {
  it('flags an empty line inside a continuation, with the range of that line', () => {
    assert.deepEqual(found('FROM alpine:3.20\nRUN apk add \\\n\n    curl\n'), [{ ruleId: ID, range: [2, 0, 2, 0] }]);
  });
  it('flags a whitespace-only line, and each of several', () => {
    assert.deepEqual(found('FROM alpine:3.20\nRUN apk add \\\n  \n    curl \\\n\n    git\n'), [
      { ruleId: ID, range: [2, 0, 2, 2] },
      { ruleId: ID, range: [4, 0, 4, 0] },
    ]);
  });
  it('flags the empty line that makes a stray backslash swallow the next instruction', () => {
    assert.deepEqual(found('FROM alpine:3.20\nRUN make \\\n\nUSER 10001\n'), [{ ruleId: ID, range: [2, 0, 2, 0] }]);
  });
  it('does not flag comment lines in a continuation, empty lines between instructions, or heredoc bodies', () => {
    assert.deepEqual(found('FROM alpine:3.20\nRUN apk add \\\n    # client\n    curl\n\nUSER 10001\n'), []);
    assert.deepEqual(found('# syntax=docker/dockerfile:1\nFROM alpine:3.20\nRUN <<EOF\nset -e\n\necho hi\nEOF\n'), []);
  });
  it('fixes by deleting the empty line', () => {
    assert.equal(applyFirstFix('FROM alpine:3.20\nRUN apk add \\\n  \n    curl\n', ID), 'FROM alpine:3.20\nRUN apk add \\\n    curl\n');
  });
});
