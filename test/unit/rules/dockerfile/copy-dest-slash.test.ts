import { ruleCases } from './_cases';

ruleCases('dockerfile/copy-dest-slash', {
  flags: [
    ['FROM debian:12.8\nCOPY a.txt b.txt /dest\n', ['/dest']],
    ['FROM debian:12.8\nADD a.txt b.txt /dest\n', ['/dest']],
    ['FROM debian:12.8\nCOPY ["a.txt", "b.txt", "/dest"]\n', ['COPY ["a.txt", "b.txt", "/dest"]']],
  ],
  clean: [
    'FROM debian:12.8\nCOPY a.txt b.txt /dest/\n',
    'FROM debian:12.8\nCOPY a.txt /dest\n',
    'FROM debian:12.8\nCOPY a.txt b.txt $DEST\n',
    'FROM debian:12.8\nCOPY <<A <<B /dest\na\nA\nb\nB\n',
    // A heredoc body is content: one source here.
    'FROM debian:12.8\nCOPY <<EOF /etc/app.conf\nx\ny\nEOF\n',
  ],
});
