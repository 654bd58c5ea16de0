import { ruleCases } from './_cases';

ruleCases('dockerfile/add-instead-of-copy', {
  flags: [['FROM debian:12.8\nADD src/ /app/\n', ['ADD']]],
  clean: [
    'FROM debian:12.8\nADD app.tar.gz /opt/\n',
    'FROM debian:12.8\nADD https://example.com/x.tgz /opt/\n',
    'FROM debian:12.8\nCOPY src/ /app/\n',
    'FROM debian:12.8\nADD git@github.com:org/repo.git /src\n',
    'FROM debian:12.8\nADD $SRC /app/\n',
    'FROM debian:12.8\nADD <<EOF /etc/app.conf\nsrc/\nEOF\n',
  ],
  fixes: [['FROM debian:12.8\nADD --chown=app src/ /app/\n', 'FROM debian:12.8\nCOPY --chown=app src/ /app/\n']],
});
