import { ruleCases } from './_cases';

ruleCases('dockerfile/consecutive-run', {
  flags: [
    ['FROM debian:12.8\nRUN a\nRUN b\n', [['RUN', 1]]],
    ['RUN a
RUN b
', [['RUN', 1]], { filename: 'Dockerfile' }],
    ['FROM debian:12.8
RUN a && b
RUN c | d
', [['RUN', 1]]],
    ['FROM debian:12.8
RUN a
# why
RUN b
', [['RUN', 1]]],
  ],
  clean: [
    'FROM debian:12.8
RUN a
WORKDIR /x
RUN b
',
    'FROM debian:12.8
RUN a
RUN --mount=type=cache,target=/c b
',
    'FROM debian:12.8
RUN a && b && c
RUN d
',
    'FROM debian:12.8
RUN a
RUN b && c && d
',
  ],
  fixes: [['FROM debian:12.8\nRUN make \\\n  all\nRUN make install\n', 'FROM debian:12.8\nRUN make \\\n  all \\\n    && make install\n']],
});
