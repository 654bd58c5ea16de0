import { ruleCases } from './_cases';

ruleCases('dockerfile/from-invalid-default-arg', {
  flags: [
    ['ARG TAG\nFROM alpine:${TAG}\n', ['alpine:${TAG}']],
    ['ARG IMAGE\nFROM $IMAGE\n', ['$IMAGE']],
    ['ARG IMAGE=Alpine\nFROM ${IMAGE}:3.20\n', ['${IMAGE}:3.20']],
  ],
  clean: [
    'ARG TAG=3.20\nFROM alpine:${TAG}\n',
    'ARG TAG\nFROM alpine:${TAG:-3.20}\n',
    'ARG REGISTRY=registry.example.com:5000\nFROM ${REGISTRY}/team/app:1.0\n',
    'FROM golang:1.23.4 AS build-amd64\nFROM build-${TARGETARCH}\n',
    'FROM alpine:3.20\n',
  ],
});
