import { ruleCases } from './_cases';

ruleCases('dockerfile/multiple-cmd', {
  flags: [['FROM debian:12.8\nCMD ["a"]\nCMD ["b"]\n', [['CMD', 0]]]],
  clean: ['FROM debian:12.8\nCMD ["a"]\nFROM debian:12.8\nCMD ["b"]\n'],
});
