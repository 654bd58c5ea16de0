import { ruleCases } from './_cases';

ruleCases('dockerfile/no-sudo', {
  flags: [['FROM debian:12.8\nRUN sudo -E make install\n', ['sudo']]],
  clean: ['FROM debian:12.8\nRUN make install\n', 'FROM debian:12.8\nRUN echo sudo\n'],
  fixes: [
    ['FROM debian:12.8\nRUN make && sudo make install\n', 'FROM debian:12.8\nRUN make && make install\n'],
    ['FROM debian:12.8\nRUN sudo -E make install\n', 'FROM debian:12.8\nRUN make install\n'],
  ],
});
