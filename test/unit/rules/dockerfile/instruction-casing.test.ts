import { ruleCases } from './_cases';

ruleCases('dockerfile/instruction-casing', {
  flags: [
    ['FROM alpine:3.20\nrun echo hi\nUSER 10001\n', ['run']],
    ['from alpine:3.20\nrun echo hi\nUSER 10001\n', ['USER']],
    ['FROM alpine:3.20\nCopy a /a\n', ['Copy']],
    // A tie goes to upper case.
    ['from alpine:3.20\nRUN echo hi\n', ['from']],
  ],
  clean: [
    'FROM alpine:3.20\nRUN echo hi\n',
    'from alpine:3.20\nrun echo hi\n',
    // Global ARGs before the first FROM are not counted.
    'arg TAG=3.20\nFROM alpine:$TAG\nRUN echo hi\n',
  ],
  fixes: [
    ['FROM alpine:3.20\nrun echo hi\nUSER 10001\n', 'FROM alpine:3.20\nRUN echo hi\nUSER 10001\n'],
    ['from alpine:3.20\nrun echo hi\nUser 10001\n', 'from alpine:3.20\nrun echo hi\nuser 10001\n'],
  ],
});
