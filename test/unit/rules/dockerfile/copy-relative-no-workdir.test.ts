import { strict as assert } from 'node:assert';
import { applyFirstFix, lintString } from '../../helpers';
import { ruleCases } from './_cases';

ruleCases('dockerfile/copy-relative-no-workdir', {
  flags: [
    ['FROM debian:12.8\nCOPY app.py app/\n', ['app/']],
    ['FROM debian:12.8\nCOPY --chown=1000 a b ./\nWORKDIR /srv\nCOPY c .\n', ['./']],
    ['FROM debian:12.8 AS base\nRUN true\nFROM base\nCOPY a dest\n', ['dest']],
    ['FROM debian:12.8\nCOPY ["a b", "dest"]\n', ['COPY ["a b", "dest"]']],
    // A heredoc's destination is the last word of the instruction line, not of the body.
    // Before the first FROM: no WORKDIR set yet either.
    ['COPY app.py app/\n', ['app/'], { filename: 'Dockerfile' }],
    ['FROM debian:12.8\nCOPY <<EOF app.conf\nkey=/etc\nEOF\n', ['app.conf']],
    ['FROM debian:12.8\nCOPY --chmod=755 <<-EOT <<B bin/\n\tx\n\tEOT\nb\nB\n', ['bin/']],
  ],
  clean: [
    'FROM debian:12.8\nCOPY app.py /app/\n',
    ['WORKDIR /srv\nCOPY app.py app/\n', { filename: 'Dockerfile' }],
    'FROM debian:12.8\nCOPY <<EOF /etc/app.conf\nhello\nEOF\n',
    'FROM debian:12.8\nCOPY <<A <<B /etc/\nrelative\nA\nb\nB\n',
    'FROM debian:12.8\nCOPY app.py "/app dir/"\n',
    'FROM debian:12.8\nWORKDIR /app\nCOPY app.py .\n',
    'FROM debian:12.8 AS base\nWORKDIR /app\nFROM base\nCOPY app.py .\n',
    'FROM debian:12.8\nCOPY app.py $APP_HOME/\n',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY app.exe C:\\\\app\\\\\n',
  ],
  fixes: [
    ['FROM scratch\nCOPY app .\n', 'FROM scratch\nCOPY app /\n'],
    ['FROM scratch\nCOPY --chown=1:1 a b "./conf/"\n', 'FROM scratch\nCOPY --chown=1:1 a b "/conf/"\n'],
    ['FROM scratch AS base\nCOPY a /a\nFROM base\nCOPY b etc/b\n', 'FROM scratch AS base\nCOPY a /a\nFROM base\nCOPY b /etc/b\n'],
  ],
});

describe('dockerfile/copy-relative-no-workdir fix', () => {
  for (const text of [
    'FROM debian:12.8\nCOPY app.py app/\n',
    'FROM golang:1.23.4 AS base\nFROM base\nCOPY a dest\n',
    'FROM scratch\nCOPY a ../x\n',
    'FROM scratch\nCOPY a "my dir/"\n',
    'FROM scratch\nCOPY ["a", "dest"]\n',
  ]) {
    it(`offers no fix where the working directory is unknown or the edit unclear: ${JSON.stringify(text)}`, () => {
      assert.equal(lintString(text, { only: 'dockerfile/copy-relative-no-workdir' }).length, 1);
      assert.throws(() => applyFirstFix(text, 'dockerfile/copy-relative-no-workdir'), /offered no fix/);
    });
  }
});
