import { ruleCases } from './_cases';

ruleCases('dockerfile/user-non-numeric', {
  flags: [['FROM debian:12.8\nUSER app:app\n', ['app:app']]],
  clean: [
    'FROM debian:12.8\nUSER 10001:10001\n',
    'FROM debian:12.8\nUSER app\nUSER 10001\n',
    'FROM debian:12.8\nUSER ${UID}\n',
    'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerUser\n',
  ],
});
