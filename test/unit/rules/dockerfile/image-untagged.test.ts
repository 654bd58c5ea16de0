import { ruleCases } from './_cases';

ruleCases('dockerfile/image-untagged', {
  flags: [
    ['FROM debian\n', ['debian']],
    ['ARG BASE=debian\nFROM ${BASE}\n', ['${BASE}']],
  ],
  clean: [
    'ARG BASE=debian:12.8\nFROM ${BASE}\n',
    'ARG BASE\nFROM ${BASE}\n',
    'FROM scratch\n',
    'FROM golang:1.23.4 AS build\nFROM build\n',
    'FROM debian@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n',
  ],
});
