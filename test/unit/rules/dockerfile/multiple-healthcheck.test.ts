import { ruleCases } from './_cases';

ruleCases('dockerfile/multiple-healthcheck', {
  flags: [['FROM debian:12.8\nHEALTHCHECK CMD ["a"]\nHEALTHCHECK NONE\n', [['HEALTHCHECK', 0]]]],
  clean: ['FROM debian:12.8\nHEALTHCHECK CMD ["a"]\n'],
});
