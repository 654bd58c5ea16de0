import { ruleCases } from './_cases';

ruleCases('dockerfile/multiple-cmd', {
  flags: [
    ['FROM debian:12.8\nCMD ["a"]\nCMD ["b"]\n', [['CMD', 0]]],
    [
      'FROM debian:12.8\nCMD ["a"]\nCMD ["b"]\nCMD ["c"]\n',
      [
        ['CMD', 0],
        ['CMD', 1],
      ],
    ],
    // Before the first FROM is a section of its own.
    ['CMD ["a"]\nCMD ["b"]\n', [['CMD', 0]], { filename: 'Dockerfile' }],
    ['CMD ["a"]\nCMD ["b"]\nFROM debian:12.8\nCMD ["c"]\n', [['CMD', 0]], { filename: 'Dockerfile' }],
  ],
  clean: ['FROM debian:12.8\nCMD ["a"]\nFROM debian:12.8\nCMD ["b"]\n', 'FROM debian:12.8\nONBUILD CMD ["a"]\nCMD ["b"]\n'],
});
