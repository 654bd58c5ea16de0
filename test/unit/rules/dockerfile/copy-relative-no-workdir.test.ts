import { ruleCases } from './_cases';

ruleCases('dockerfile/copy-relative-no-workdir', {
  flags: [
    ['FROM debian:12.8\nCOPY app.py app/\n', ['app/']],
    ['FROM debian:12.8\nCOPY --chown=1000 a b ./\nWORKDIR /srv\nCOPY c .\n', ['./']],
    ['FROM debian:12.8 AS base\nRUN true\nFROM base\nCOPY a dest\n', ['dest']],
    ['FROM debian:12.8\nCOPY ["a b", "dest"]\n', ['COPY ["a b", "dest"]']],
  ],
  clean: [
    'FROM debian:12.8\nCOPY app.py /app/\n',
    'FROM debian:12.8\nWORKDIR /app\nCOPY app.py .\n',
    'FROM debian:12.8 AS base\nWORKDIR /app\nFROM base\nCOPY app.py .\n',
    'FROM debian:12.8\nCOPY app.py $APP_HOME/\n',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY app.exe C:\\\\app\\\\\n',
  ],
});
