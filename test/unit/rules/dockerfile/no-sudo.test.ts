import { strict as assert } from 'node:assert';
import { applyFirstFix, lintString } from '../../helpers';
import { ruleCases } from './_cases';

ruleCases('dockerfile/no-sudo', {
  flags: [
    ['FROM debian:12.8\nRUN sudo -E make install\n', ['sudo']],
    ['FROM debian:12.8\nRUN sudo -u app make\n', ['sudo']],
  ],
  clean: ['FROM debian:12.8\nRUN make install\n', 'FROM debian:12.8\nRUN echo sudo\n'],
  fixes: [
    ['FROM debian:12.8\nRUN make && sudo make install\n', 'FROM debian:12.8\nRUN make && make install\n'],
    ['FROM debian:12.8\nRUN sudo -E make install\n', 'FROM debian:12.8\nRUN make install\n'],
  ],
});

describe('dockerfile/no-sudo fix', () => {
  for (const text of [
    'FROM debian:12.8\nRUN sudo -u app make\n',
    'FROM debian:12.8\nRUN sudo --user=app make\n',
    'FROM debian:12.8\nRUN sudo -iu app make\n',
  ]) {
    it(`offers no fix where sudo runs as another user: ${JSON.stringify(text)}`, () => {
      assert.equal(lintString(text, { only: 'dockerfile/no-sudo' }).length, 1);
      assert.throws(() => applyFirstFix(text, 'dockerfile/no-sudo'), /offered no fix/);
    });
  }
});
