import { ruleCases } from './_cases';

ruleCases('dockerfile/image-latest-tag', {
  flags: [['FROM node:latest AS build\n', ['node:latest']]],
  clean: [
    'FROM node:22.12.0\n',
    'FROM node:latest@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n',
    'ARG TAG=22\nFROM node:${TAG}\n',
  ],
});
