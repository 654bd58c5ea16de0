import { strict as assert } from 'node:assert';
import { applyFirstFix, lintString, summary } from '../../helpers';

const ID = 'dockerfile/maintainer-deprecated';

describe(ID, () => {
  it('flags MAINTAINER on the instruction keyword', () => {
    assert.deepEqual(summary(lintString('FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\n', { only: ID })), [
      { ruleId: ID, range: [1, 0, 1, 10] },
    ]);
  });
  it('flags a lower-case maintainer too', () => {
    assert.deepEqual(summary(lintString('FROM alpine:3.20\nmaintainer jane\n', { only: ID })), [{ ruleId: ID, range: [1, 0, 1, 10] }]);
  });
  it('does not flag LABEL maintainer', () => {
    assert.deepEqual(lintString('FROM alpine:3.20\nLABEL maintainer="jane"\n', { only: ID }), []);
  });
  it('does not flag the word in a RUN', () => {
    assert.deepEqual(lintString('FROM alpine:3.20\nRUN echo MAINTAINER\n', { only: ID }), []);
  });
  it('fixes to LABEL maintainer= with JSON quoting', () => {
    assert.equal(
      applyFirstFix('FROM alpine:3.20\nMAINTAINER Jane "JD" Doe\n', ID),
      'FROM alpine:3.20\nLABEL maintainer="Jane \\"JD\\" Doe"\n',
    );
  });
  it('keeps a comment line of a multi-line MAINTAINER and joins the rest as Docker does', () => {
    assert.equal(
      applyFirstFix('FROM alpine:3.20\nMAINTAINER Jane Doe \\\n# the team lead\n  <jane@example.com>\nCMD ["sh"]\n', ID),
      'FROM alpine:3.20\n# the team lead\nLABEL maintainer="Jane Doe   <jane@example.com>"\nCMD ["sh"]\n',
    );
  });
  it('keeps a $ literal (LABEL expands variables, MAINTAINER does not)', () => {
    assert.equal(applyFirstFix('FROM alpine:3.20\nMAINTAINER $TEAM\n', ID), 'FROM alpine:3.20\nLABEL maintainer="\\$TEAM"\n');
  });
});
