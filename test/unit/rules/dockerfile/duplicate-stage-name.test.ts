import { ruleCases } from './_cases';

ruleCases('dockerfile/duplicate-stage-name', {
  flags: [['FROM debian:12.8 AS build\nFROM debian:12.8 AS Build\n', ['Build']]],
  clean: ['FROM debian:12.8 AS build\nFROM debian:12.8 AS final\n'],
});
