import { ruleCases } from './_cases';

ruleCases('dockerfile/apk-pin-versions', {
  flags: [
    ['FROM alpine:3.20.3\nRUN apk add --no-cache -t .deps curl=8.11.1-r0 git\n', ['git']],
    // Options before `add`, with values that are not packages.
    ['FROM alpine:3.20.3\nRUN apk --no-cache -X https://example.com/repo add git\n', ['git']],
    ['FROM alpine:3.20.3\nRUN apk -U --no-cache add --virtual .build-deps gcc\n', ['gcc']],
  ],
  clean: [
    'FROM alpine:3.20.3\nRUN apk add --no-cache curl=8.11.1-r0 "git~2.47"\n',
    'FROM alpine:3.20.3\nRUN apk add --no-cache --allow-untrusted /tmp/pkg.apk\n',
    'FROM alpine:3.20.3\nRUN apk --no-cache -X https://example.com/repo add git=2.47.1-r0\n',
  ],
});
