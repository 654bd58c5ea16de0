import { ruleCases } from './_cases';

ruleCases('dockerfile/add-url', {
  flags: [['FROM debian:12.8\nADD https://example.com/tool.tgz /opt/\n', ['https://example.com/tool.tgz']]],
  clean: [
    'FROM debian:12.8\nADD --checksum=sha256:dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd https://example.com/tool.tgz /opt/\n',
    'FROM debian:12.8\nADD https://github.com/org/repo.git /src\n',
  ],
});
