import { ruleCases } from './_cases';

ruleCases('dockerfile/apk-no-cache', {
  flags: [['FROM alpine:3.20.3\nRUN apk add curl\n', ['apk']]],
  clean: [
    'FROM alpine:3.20.3\nRUN apk add --no-cache curl\n',
    'FROM alpine:3.20.3\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n',
    'FROM alpine:3.20.3\nRUN apk del curl\n',
  ],
  fixes: [['FROM alpine:3.20.3\nRUN apk add --virtual .build gcc\n', 'FROM alpine:3.20.3\nRUN apk add --no-cache --virtual .build gcc\n']],
});
