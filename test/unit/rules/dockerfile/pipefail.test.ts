import { ruleCases } from './_cases';

ruleCases('dockerfile/pipefail', {
  flags: [
    ['FROM debian:12.8\nRUN curl -fsSL https://example.com/x.tgz | tar -xz\n', ['|']],
    ['RUN curl -fsSL https://example.com/x.tgz | tar -xz\n', ['|'], { filename: 'Dockerfile' }],
    // A SHELL of another stage does not carry over.
    [
      'FROM debian:12.8 AS a\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM debian:12.8\nRUN curl -fsSL https://example.com/x.tgz | tar -xz\n',
      ['|'],
    ],
  ],
  clean: [
    'FROM debian:12.8\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/x.tgz | tar -xz\n',
    'FROM debian:12.8\nRUN set -eux -o pipefail; curl -fsSL https://example.com/x.tgz | tar -xz\n',
    'FROM debian:12.8\nRUN echo "a | b" || true\n',
    // SHELL before the first FROM applies to the RUNs after it in that section.
    ['SHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/x.tgz | tar -xz\n', { filename: 'Dockerfile' }],
    // A stage built FROM another inherits its SHELL.
    'FROM debian:12.8 AS a\nSHELL ["/bin/bash", "-euo", "pipefail", "-c"]\nFROM a\nRUN curl -fsSL https://example.com/x.tgz | tar -xz\n',
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
