import { ruleCases } from './_cases';

ruleCases('dockerfile/copy-archive-then-extract', {
  flags: [
    ['FROM debian:12.8\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt\n', ['app.tar.gz']],
    ['FROM debian:12.8\nCOPY dist/app.tgz /tmp/app.tgz\nRUN cd /opt && tar xf /tmp/app.tgz\n', ['dist/app.tgz']],
    ['FROM debian:12.8\nCOPY a.txt b.tar.xz /src/\nRUN tar --extract --file /src/b.tar.xz\n', ['b.tar.xz']],
  ],
  clean: [
    'FROM debian:12.8\nADD app.tar.gz /opt/\n',
    'FROM debian:12.8\nCOPY app.tar.gz /tmp/\nRUN tar -tzf /tmp/app.tar.gz\n',
    'FROM debian:12.8\nCOPY app.tar.gz /srv/\n',
    'FROM debian:12.8 AS b\nRUN tar -czf /a.tgz /etc\nFROM debian:12.8\nCOPY --from=b /a.tgz /tmp/\nRUN tar -xzf /tmp/a.tgz\n',
    'FROM debian:12.8\nCOPY app.tar.gz /tmp/\nFROM debian:12.8\nRUN tar -xzf /tmp/app.tar.gz\n',
    'FROM debian:12.8\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/other.tar.gz\n',
    'FROM debian:12.8\nCOPY <<EOF /tmp/list\napp.tar.gz\nEOF\nRUN tar -xzf /tmp/app.tar.gz\n',
    'FROM debian:12.8\nCOPY app.tar.gz /tmp/\nRUN tar -czf /tmp/app.tar.gz /etc\n',
  ],
});
