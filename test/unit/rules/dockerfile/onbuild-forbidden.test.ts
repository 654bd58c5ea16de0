import { ruleCases } from './_cases';

ruleCases('dockerfile/onbuild-forbidden', {
  flags: [['FROM debian:12.8\nONBUILD FROM debian:12.8\n', [['FROM', 1]]]],
  clean: ['FROM debian:12.8\nONBUILD RUN make\n'],
});
