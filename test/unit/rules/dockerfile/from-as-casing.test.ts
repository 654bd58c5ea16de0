import { ruleCases } from './_cases';

ruleCases('dockerfile/from-as-casing', {
  flags: [
    ['FROM golang:1.23.4 as build\n', ['as']],
    ['from golang:1.23.4 AS build\n', ['AS']],
    ['FROM golang:1.23.4 As build\n', ['As']],
  ],
  clean: ['FROM golang:1.23.4 AS build\n', 'from golang:1.23.4 as build\n', 'From golang:1.23.4 as build\n', 'FROM golang:1.23.4\n'],
  fixes: [
    ['FROM golang:1.23.4 as build\n', 'FROM golang:1.23.4 AS build\n'],
    ['from golang:1.23.4 AS build\n', 'from golang:1.23.4 as build\n'],
  ],
});
