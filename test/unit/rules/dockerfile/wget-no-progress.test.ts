import { ruleCases } from './_cases';

ruleCases('dockerfile/wget-no-progress', {
  flags: [
    ['FROM debian:12.8\nRUN wget https://example.com/a.tgz\n', ['wget']],
    ['FROM debian:12.8\nRUN wget -O /tmp/a https://example.com/a && sudo wget -c https://example.com/b\n', ['wget', ['wget', 1]]],
    ['FROM debian:12.8\nRUN wget -Oq https://example.com/a\n', ['wget']],
  ],
  clean: [
    'FROM debian:12.8\nRUN wget --progress=dot:giga https://example.com/a\n',
    'FROM debian:12.8\nRUN wget -q https://example.com/a\n',
    'FROM debian:12.8\nRUN wget -qO- https://example.com/a | tar -xz\n',
    'FROM debian:12.8\nRUN wget -nv https://example.com/a\n',
    'FROM debian:12.8\nRUN wget --no-verbose https://example.com/a\n',
    'FROM debian:12.8\nRUN wget -o /dev/null https://example.com/a\n',
    'FROM debian:12.8\nRUN apt-get install -y wget\n',
  ],
});
