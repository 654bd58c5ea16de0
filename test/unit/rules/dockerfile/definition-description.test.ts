import { ruleCases } from './_cases';

const ON = { config: 'rules:\n  dockerfile/definition-description: info\n' };

ruleCases('dockerfile/definition-description', {
  flags: [
    ['# Compiles the server\nFROM golang:1.23.4 AS build\n', ['# Compiles the server'], ON],
    ['FROM alpine:3.20\n# the version to install\nARG VERSION=1\n', ['# the version to install'], ON],
    ['FROM alpine:3.20\n# first line\n# VERSION second line\nARG VERSION=1\n', ['# first line'], ON],
  ],
  clean: [
    ['# build compiles the server\nFROM golang:1.23.4 AS build\n', ON],
    ['FROM alpine:3.20\n# VERSION to install\nARG VERSION=1\n', ON],
    ['FROM alpine:3.20\n# not a description\n\nARG VERSION=1\n', ON],
    ['# base image\nFROM alpine:3.20\n', ON],
    // Off by default.
    '# Compiles the server\nFROM golang:1.23.4 AS build\n',
  ],
});
