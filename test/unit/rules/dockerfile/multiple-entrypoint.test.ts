import { ruleCases } from './_cases';

ruleCases('dockerfile/multiple-entrypoint', {
  flags: [['FROM debian:12.8\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]\n', [['ENTRYPOINT', 0]]]],
  clean: ['FROM debian:12.8\nENTRYPOINT ["a"]\nCMD ["b"]\n'],
});
