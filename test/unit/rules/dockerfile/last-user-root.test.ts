import { ruleCases } from './_cases';

ruleCases('dockerfile/last-user-root', {
  flags: [
    ['FROM debian:12.8\nUSER root\nCMD ["app"]\n', ['root']],
    ['FROM debian:12.8\nCMD ["app"]\n', ['FROM']],
    ['FROM debian:12.8\nUSER 0:0\n', ['0:0']],
    // The final stage counts, not an earlier one.
    ['FROM debian:12.8 AS b\nUSER 10001\nFROM debian:12.8\nUSER root\n', [['root', 0]]],
    // A file with no FROM: its own last USER.
    ['RUN make\nUSER root\n', ['root'], { filename: 'Dockerfile' }],
  ],
  clean: [
    'FROM debian:12.8\nUSER 10001\n',
    'FROM debian:12.8\nUSER root\nRUN make\nUSER app\n',
    'FROM scratch\n',
    'FROM scratch\nUSER root\n',
    // A fragment with no USER says nothing about the image it is built into.
    ['RUN make\nCMD ["app"]\n', { filename: 'Dockerfile' }],
    ['USER root\nRUN make\nUSER app\n', { filename: 'Dockerfile' }],
  ],
  fixes: [
    ['FROM debian:12.8\nRUN make\nCMD ["app"]\n', 'FROM debian:12.8\nRUN make\nUSER 10001\nCMD ["app"]\n'],
    ['FROM debian:12.8\nUSER root\nRUN make\n', 'FROM debian:12.8\nUSER root\nRUN make\nUSER 10001\n'],
    ['FROM debian:12.8\r\nRUN make\r\nCMD ["app"]\r\n', 'FROM debian:12.8\r\nRUN make\r\nUSER 10001\r\nCMD ["app"]\r\n'],
  ],
  noFix: [
    // Windows images have no user 10001.
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD ["app.exe"]\n',
    'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER root\nCMD ["app.exe"]\n',
    // A base image's ONBUILD triggers run in the child image, as the last USER.
    'FROM node:20-alpine\nONBUILD COPY . /app\nONBUILD RUN npm ci\nCMD ["node", "/app"]\n',
    // After a heredoc that is never closed, an inserted line is part of the script, on every run.
    'FROM debian:12.8\nRUN <<EOF bash\nset -e\nmake\n',
  ],
});
