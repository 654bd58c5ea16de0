import { ruleCases } from './_cases';

ruleCases('dockerfile/redundant-target-platform', {
  flags: [
    ['FROM --platform=$TARGETPLATFORM alpine:3.20\n', ['--platform=$TARGETPLATFORM']],
    ['FROM --platform=${TARGETPLATFORM} alpine:3.20 AS base\n', ['--platform=${TARGETPLATFORM}']],
  ],
  clean: [
    'FROM --platform=$BUILDPLATFORM golang:1.23.4 AS build\n',
    'FROM --platform=linux/amd64 alpine:3.20\n',
    'FROM --platform=${TARGETOS}/${TARGETARCH} alpine:3.20\n',
    'FROM alpine:3.20\n',
  ],
  fixes: [
    ['FROM --platform=$TARGETPLATFORM alpine:3.20\n', 'FROM alpine:3.20\n'],
    ['FROM  --platform=${TARGETPLATFORM}   alpine:3.20 AS base\n', 'FROM  alpine:3.20 AS base\n'],
  ],
});
