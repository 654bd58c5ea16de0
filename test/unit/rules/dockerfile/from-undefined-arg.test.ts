import { ruleCases } from './_cases';

ruleCases('dockerfile/from-undefined-arg', {
  flags: [
    ['ARG ALPINE_VERSION=3.20\nFROM alpine:${ALPNE_VERSION}\n', ['ALPNE_VERSION']],
    // An ARG inside a stage is not visible to a later FROM.
    ['FROM alpine:3.20\nARG TAG=1\nFROM busybox:$TAG\n', [['TAG', 1]]],
    ['FROM --platform=$PLATFORM alpine:3.20\n', ['PLATFORM']],
  ],
  clean: [
    'ARG TAG\nFROM alpine:$TAG\n',
    'FROM --platform=$BUILDPLATFORM golang:1.23.4 AS build\nFROM alpine:${TARGETARCH}\n',
    'FROM alpine:3.20\n',
  ],
});
