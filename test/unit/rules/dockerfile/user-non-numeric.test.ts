import { ruleCases } from './_cases';

const EVERY = 'rules:\n  dockerfile/user-non-numeric:\n    everyUser: true\n';

ruleCases('dockerfile/user-non-numeric', {
  flags: [
    ['FROM debian:12.8\nUSER app:app\n', ['app:app']],
    ['FROM debian:12.8 AS b\nUSER 1\nFROM debian:12.8\nUSER 10001\nUSER app\n', ['app']],
    ['USER app\n', ['app'], { filename: 'Dockerfile' }],
    [
      'FROM debian:12.8 AS a\nUSER builder\nFROM debian:12.8\nUSER root\nUSER ${UID}\nUSER 10001:app\n',
      ['builder', 'root', '${UID}'],
      { config: EVERY },
    ],
  ],
  clean: [
    'FROM debian:12.8\nUSER 10001:10001\n',
    'FROM debian:12.8\nUSER root\n',
    'FROM debian:12.8\nUSER app\nFROM debian:12.8\nUSER 10001\n',
    'FROM debian:12.8\nONBUILD USER app\n',
    'FROM debian:12.8\nUSER app\nUSER 10001\n',
    'FROM debian:12.8\nUSER ${UID}\n',
    'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerUser\n',
    ['FROM debian:12.8\nUSER 10001\nUSER 0:0\n', { config: EVERY }],
  ],
});
