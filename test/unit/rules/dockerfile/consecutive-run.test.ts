import { ruleCases } from './_cases';

ruleCases('dockerfile/consecutive-run', {
  flags: [
    ['FROM debian:12.8\nRUN a\nRUN b\n', [['RUN', 1]]],
    ['RUN a\nRUN b\n', [['RUN', 1]], { filename: 'Dockerfile' }],
    ['FROM debian:12.8\nRUN a && b\nRUN c | d\n', [['RUN', 1]]],
    ['FROM debian:12.8\nRUN a\n# why\nRUN b\n', [['RUN', 1]]],
  ],
  clean: [
    'FROM debian:12.8\nRUN a\nWORKDIR /x\nRUN b\n',
    'FROM debian:12.8\nRUN a\nRUN --mount=type=cache,target=/c b\n',
    'FROM debian:12.8\nRUN a && b && c\nRUN d\n',
    'FROM debian:12.8\nRUN a\nRUN b && c && d\n',
  ],
  fixes: [
    ['FROM debian:12.8\nRUN make \\\n  all\nRUN make install\n', 'FROM debian:12.8\nRUN make \\\n  all \\\n    && make install\n'],
    // Comment lines between the RUNs are kept inside the continuation; the blank line goes.
    [
      'FROM debian:12.8\nRUN make\n\n# install it\n  # system-wide\nRUN make install\n',
      'FROM debian:12.8\nRUN make \\\n# install it\n  # system-wide\n    && make install\n',
    ],
  ],
});
