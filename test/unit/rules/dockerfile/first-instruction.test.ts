import { ruleCases } from './_cases';

ruleCases('dockerfile/first-instruction', {
  flags: [['RUN echo hi\nFROM debian:12.8\n', ['RUN']]],
  clean: ['# syntax=docker/dockerfile:1\nARG BASE=debian:12.8\nFROM ${BASE}\n'],
});
