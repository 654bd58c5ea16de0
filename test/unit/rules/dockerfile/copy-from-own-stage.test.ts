import { ruleCases } from './_cases';

ruleCases('dockerfile/copy-from-own-stage', {
  flags: [['FROM debian:12.8 AS app\nCOPY --from=app /a /b\n', [['app', 1]]]],
  clean: ['FROM debian:12.8 AS build\nFROM debian:12.8 AS app\nCOPY --from=build /a /b\n'],
});
