import { ruleCases } from './_cases';

ruleCases('dockerfile/apk-pin-versions', {
  flags: [['FROM alpine:3.20.3\nRUN apk add --no-cache -t .deps curl=8.11.1-r0 git\n', ['git']]],
  clean: ['FROM alpine:3.20.3\nRUN apk add --no-cache curl=8.11.1-r0 "git~2.47"\n'],
});
