import { ruleCases } from './_cases';

ruleCases('dockerfile/stage-name-casing', {
  flags: [
    ['FROM golang:1.23.4 AS Build\n', ['Build']],
    ['FROM golang:1.23.4 AS BUILD_STAGE\nFROM alpine:3.20 AS ok\n', ['BUILD_STAGE']],
  ],
  clean: ['FROM golang:1.23.4 AS build-1.2\n', 'FROM golang:1.23.4\n', 'ARG NAME=x\nFROM golang:1.23.4 AS ${NAME}\n'],
  fixes: [['FROM golang:1.23.4 AS Build\nFROM Build\n', 'FROM golang:1.23.4 AS build\nFROM Build\n']],
});
