import { ruleCases } from './_cases';

ruleCases('dockerfile/workdir-relative', {
  flags: [['FROM debian:12.8\nWORKDIR app\n', ['app']]],
  clean: [
    'FROM debian:12.8\nWORKDIR /app\n',
    'FROM debian:12.8\nWORKDIR $HOME/app\n',
    'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nWORKDIR C:\\\\app\n',
  ],
  fixes: [
    ['FROM debian:12.8\nWORKDIR app\n', 'FROM debian:12.8\nWORKDIR /app\n'],
    ['FROM debian:12.8\nWORKDIR "src dir"\n', 'FROM debian:12.8\nWORKDIR "/src dir"\n'],
    ["FROM debian:12.8\nWORKDIR './app'\n", "FROM debian:12.8\nWORKDIR '/app'\n"],
  ],
  noFix: ['FROM debian:12.8\nWORKDIR "src\n'],
});
