import { ruleCases } from './_cases';

ruleCases('dockerfile/apk-no-cache', {
  flags: [
    ['FROM alpine:3.20.3\nRUN apk add curl\n', ['apk']],
    // Options before the sub-command, with and without values.
    ['FROM alpine:3.20.3\nRUN apk -U add curl\n', ['apk']],
    ['FROM alpine:3.20.3\nRUN apk --update add curl\n', ['apk']],
    ['FROM alpine:3.20.3\nRUN apk -X https://dl-cdn.alpinelinux.org/alpine/edge/testing add curl\n', ['apk']],
    ['FROM alpine:3.20.3\nRUN apk --repository https://example.com/repo add curl\n', ['apk']],
    ['FROM alpine:3.20.3\nRUN sudo apk add curl\n', ['apk']],
  ],
  clean: [
    'FROM alpine:3.20.3\nRUN apk add --no-cache curl\n',
    'FROM alpine:3.20.3\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n',
    'FROM alpine:3.20.3\nRUN apk del curl\n',
    'FROM alpine:3.20.3\nRUN apk --no-cache add curl\n',
    'FROM alpine:3.20.3\nRUN apk -X https://example.com/repo --no-cache add curl\n',
    // `-X add` names a repository called "add": the sub-command comes after it.
    'FROM alpine:3.20.3\nRUN apk -X add info\n',
  ],
  fixes: [['FROM alpine:3.20.3\nRUN apk add --virtual .build gcc\n', 'FROM alpine:3.20.3\nRUN apk add --no-cache --virtual .build gcc\n']],
});
