import { ruleCases } from './_cases';

const DOCKER = 'rules:\n  dockerfile/workdir-relative:\n    afterAbsolute: false\n';

ruleCases('dockerfile/workdir-relative', {
  flags: [
    ['FROM debian:12.8\nWORKDIR app\n', ['app']],
    ['FROM debian:12.8\nWORKDIR /srv\nWORKDIR app\n', ['app']],
    ['FROM debian:12.8\nWORKDIR app\nWORKDIR /srv\n', ['app'], { config: DOCKER }],
    ['FROM debian:12.8 AS a\nWORKDIR /srv\nFROM debian:12.8\nWORKDIR app\n', ['app'], { config: DOCKER }],
  ],
  clean: [
    ['FROM debian:12.8\nWORKDIR /srv\nWORKDIR app\n', { config: DOCKER }],
    ['FROM debian:12.8 AS base\nWORKDIR /srv\nFROM base\nWORKDIR app\n', { config: DOCKER }],
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
