import { ruleCases } from './_cases';

ruleCases('dockerfile/env-self-reference', {
  flags: [
    ['FROM debian:12.8\nENV A=1 B=$A/bin\n', ['$A/bin']],
    // Names are matched literally, whatever characters they contain.
    ['FROM debian:12.8\nENV A.B=1 C=${A.B}\n', ['${A.B}']],
    ['FROM debian:12.8\nENV A(=1 B=x$A(\n', ['x$A(']],
  ],
  clean: ['FROM debian:12.8\nENV A=1\nENV B=$A/bin\n', 'FROM debian:12.8\nENV PATH=/opt/bin:$PATH\n'],
});
