import { ruleCases } from './_cases';

ruleCases('dockerfile/image-digest-pin', {
  flags: [['FROM node:22-alpine\n', ['node:22-alpine']]],
  clean: [
    'FROM node:22.12.0-alpine\n',
    'FROM node:22@sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\n',
    'FROM node:22 AS build\nFROM scratch\n',
  ],
});
