import { ruleCases } from './_cases';

ruleCases('dockerfile/copy-sensitive-file', {
  flags: [['FROM debian:12.8\nCOPY .env id_rsa certs/server.pem /app/\n', ['.env', 'id_rsa', 'certs/server.pem']]],
  clean: [
    'FROM debian:12.8\nCOPY <<EOF /app/notes.txt\nid_rsa\n.env\nEOF\n',
    'FROM debian:12.8\nCOPY config.sample app.dist /app/\n',
    'FROM debian:12.8\nCOPY .env.example /app/\n',
    'FROM debian:12.8 AS b\nFROM debian:12.8\nCOPY --from=b /x.pem /y.pem\n',
  ],
});
