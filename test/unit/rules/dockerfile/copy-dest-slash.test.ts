import { ruleCases } from './_cases';

ruleCases('dockerfile/copy-dest-slash', {
  flags: [['FROM debian:12.8\nCOPY a.txt b.txt /dest\n', ['/dest']]],
  clean: [
    'FROM debian:12.8\nCOPY a.txt b.txt /dest/\n',
    'FROM debian:12.8\nCOPY a.txt /dest\n',
    'FROM debian:12.8\nCOPY a.txt b.txt $DEST\n',
  ],
});
