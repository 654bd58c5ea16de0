import { ruleCases } from './_cases';

ruleCases('dockerfile/copy-whole-stage', {
  flags: [
    ['FROM debian:12.8 AS build\nFROM debian:12.8\nCOPY --from=build / /\n', [['/', 0]]],
    ['FROM debian:12.8\nCOPY --from=busybox:1.37 / /\n', [['/', 0]]],
    ['FROM debian:12.8 AS build\nFROM debian:12.8\nCOPY --from=build /. /rootfs/\n', ['/.']],
  ],
  clean: [
    'FROM debian:12.8 AS build\nFROM debian:12.8\nCOPY --from=build /out/app /usr/local/bin/\n',
    'FROM debian:12.8 AS build\nFROM debian:12.8\nCOPY <<EOF /etc/motd\n/\nEOF\n',
    'FROM debian:12.8\nCOPY / /\n',
    'FROM scratch AS artefacts\nFROM debian:12.8\nCOPY --from=artefacts / /\n',
  ],
});
