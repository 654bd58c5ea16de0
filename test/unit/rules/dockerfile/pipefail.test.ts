import { ruleCases } from './_cases';

ruleCases('dockerfile/pipefail', {
  flags: [['FROM debian:12.8\nRUN curl -fsSL https://example.com/x.tgz | tar -xz\n', ['|']]],
  clean: [
    'FROM debian:12.8\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/x.tgz | tar -xz\n',
    'FROM debian:12.8\nRUN set -eux -o pipefail; curl -fsSL https://example.com/x.tgz | tar -xz\n',
    'FROM debian:12.8\nRUN echo "a | b" || true\n',
    '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir | findstr foo\n',
  ],
  fixes: [
    [
      'FROM debian:12.8\nRUN curl -fsSL https://example.com/x.tgz | tar -xz\n',
      'FROM debian:12.8\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/x.tgz | tar -xz\n',
    ],
    [
      'FROM alpine:3.20.3\nRUN wget -qO- https://example.com/x.tgz | tar -xz\n',
      'FROM alpine:3.20.3\nRUN set -o pipefail && wget -qO- https://example.com/x.tgz | tar -xz\n',
    ],
  ],
});
