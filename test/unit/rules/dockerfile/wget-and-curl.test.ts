import { ruleCases } from './_cases';

ruleCases('dockerfile/wget-and-curl', {
  flags: [['FROM debian:12.8\nRUN curl -fsSLO https://example.com/a\nRUN wget https://example.com/b\n', ['wget']]],
  clean: ['FROM debian:12.8\nRUN curl -fsSLO https://example.com/a && curl -fsSLO https://example.com/b\n'],
});
