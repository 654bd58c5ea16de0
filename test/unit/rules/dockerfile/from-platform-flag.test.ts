import { ruleCases } from './_cases';

ruleCases('dockerfile/from-platform-flag', {
  flags: [['FROM --platform=linux/amd64 debian:12.8\n', ['--platform=linux/amd64']]],
  clean: ['FROM --platform=$BUILDPLATFORM golang:1.23.4 AS build\n'],
});
