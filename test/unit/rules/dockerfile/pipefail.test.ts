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
    // A bash SHELL without the option gets it, instead of a second SHELL line.
    [
      'FROM debian:12.8\nSHELL ["/bin/bash", "-c"]\nRUN curl -fsSL https://example.com/x.tgz | tar -xz\n',
      'FROM debian:12.8\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/x.tgz | tar -xz\n',
    ],
    // Two piped RUNs in a stage: the SHELL line goes before the first, once, whichever finding is fixed.
    [
      'FROM debian:12.8\nRUN echo a\nRUN curl -fsSL https://example.com/a | tar -xz\nRUN curl -fsSL https://example.com/b | tar -xz\n',
      'FROM debian:12.8\nRUN echo a\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/a | tar -xz\nRUN curl -fsSL https://example.com/b | tar -xz\n',
    ],
  ],
  noFix: [
    // sh is dash on Debian: it has no pipefail, and the author chose it.
    'FROM debian:12.8\nSHELL ["/bin/sh", "-c"]\nRUN curl -fsSL https://example.com/x.tgz | tar -xz\n',
    // Distroless images have no bash.
    'FROM gcr.io/distroless/base-debian12:debug\nRUN wget -qO- https://example.com/x.tgz | tar -xz\n',
    // A trigger runs in a child image whose shell this file does not know.
    'FROM debian:12.8\nONBUILD RUN curl -fsSL https://example.com/x.tgz | tar -xz\n',
    // A SHELL after the RUN decides the stage's shell; a second one would not help.
    'FROM debian:12.8\nRUN curl -fsSL https://example.com/x.tgz | tar -xz\nSHELL ["/bin/sh", "-c"]\n',
  ],
});
