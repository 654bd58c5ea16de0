import { ruleCases } from './_cases';

const ON = { config: 'rules:\n  dockerfile/inline-ignore: warning\n' };

ruleCases('dockerfile/inline-ignore', {
  flags: [
    ['FROM alpine:3.20\n# hadolint ignore=DL3018,DL3019\nRUN apk add curl\n', ['# hadolint ignore=DL3018,DL3019'], ON],
    ['# hadolint global ignore=DL3006\nFROM alpine\n', ['# hadolint global ignore=DL3006'], ON],
    [
      'FROM alpine:3.20\n# shipshape-ignore dockerfile/apk-pin-versions pinned by the base\nRUN apk add curl\n',
      ['# shipshape-ignore dockerfile/apk-pin-versions pinned by the base'],
      ON,
    ],
  ],
  clean: [
    // Off by default, as hadolint's DL1001 is.
    'FROM alpine:3.20\n# hadolint ignore=DL3018\nRUN apk add curl\n',
    ['FROM alpine:3.20\n# install curl; hadolint would complain\nRUN apk add curl\n', ON],
  ],
});
