import { ruleCases } from './_cases';

const IN_NAME = 'rules:\n  dockerfile/from-platform-flag:\n    allowInStageName: true\n';

ruleCases('dockerfile/from-platform-flag', {
  flags: [
    ['FROM --platform=linux/amd64 debian:12.8\n', ['--platform=linux/amd64']],
    ['FROM --platform=linux/arm64 golang:1.23.4 AS build-arm64\n', ['--platform=linux/arm64']],
    ['FROM --platform=linux/arm64 golang:1.23.4 AS build\n', ['--platform=linux/arm64'], { config: IN_NAME }],
  ],
  clean: [
    'FROM --platform=$BUILDPLATFORM golang:1.23.4 AS build\n',
    ['FROM --platform=linux/arm64 golang:1.23.4 AS build-arm64\n', { config: IN_NAME }],
    ['FROM --platform=windows/amd64 golang:1.23.4 AS windows-build\n', { config: IN_NAME }],
  ],
});
