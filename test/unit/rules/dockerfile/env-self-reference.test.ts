import { ruleCases } from './_cases';

ruleCases('dockerfile/env-self-reference', {
  flags: [['FROM debian:12.8\nENV A=1 B=$A/bin\n', ['$A/bin']]],
  clean: ['FROM debian:12.8\nENV A=1\nENV B=$A/bin\n', 'FROM debian:12.8\nENV PATH=/opt/bin:$PATH\n'],
});
