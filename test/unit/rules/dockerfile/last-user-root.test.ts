import { ruleCases } from './_cases';

ruleCases('dockerfile/last-user-root', {
  flags: [
    ['FROM debian:12.8\nUSER root\nCMD ["app"]\n', ['root']],
    ['FROM debian:12.8\nCMD ["app"]\n', ['FROM']],
  ],
  clean: ['FROM debian:12.8\nUSER 10001\n', 'FROM debian:12.8\nUSER root\nRUN make\nUSER app\n', 'FROM scratch\n'],
  fixes: [
    ['FROM debian:12.8\nRUN make\nCMD ["app"]\n', 'FROM debian:12.8\nRUN make\nUSER 10001\nCMD ["app"]\n'],
    ['FROM debian:12.8\nUSER root\nRUN make\n', 'FROM debian:12.8\nUSER root\nRUN make\nUSER 10001\n'],
  ],
});
