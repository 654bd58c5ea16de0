import { ruleCases } from './_cases';

ruleCases('dockerfile/reserved-stage-name', {
  flags: [['FROM debian:12.8 AS context\n', ['context']]],
  clean: ['FROM debian:12.8 AS ctx\n'],
});
