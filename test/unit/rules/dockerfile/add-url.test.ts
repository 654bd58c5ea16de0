import { ruleCases } from './_cases';

ruleCases('dockerfile/add-url', {
  flags: [
    ['FROM debian:12.8\nADD https://example.com/tool.tgz /opt/\n', ['https://example.com/tool.tgz']],
    [
      'FROM debian:12.8\nADD http://example.com/a.sh https://example.com/b.sh /opt/\n',
      ['http://example.com/a.sh', 'https://example.com/b.sh'],
    ],
    ['FROM debian:12.8\nADD --chown=1:1 https://example.com/x.zip /opt/\n', ['https://example.com/x.zip']],
  ],
  clean: [
    'FROM debian:12.8\nADD --checksum=sha256:dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd https://example.com/tool.tgz /opt/\n',
    'FROM debian:12.8\nADD https://github.com/org/repo.git /src\n',
    'FROM debian:12.8\nADD https://github.com/org/repo.git#v1.2.0 /src\n',
    // A heredoc body is file content, not a source.
    'FROM debian:12.8\nADD <<EOF /etc/apt/sources.list\nhttps://deb.debian.org/debian\nhttps://example.com/x\nEOF\n',
  ],
});
