import { ruleCases } from './_cases';

ruleCases('dockerfile/undefined-var', {
  flags: [
    // A misspelling of a common variable.
    ['FROM alpine:3.20\nENV PATH=$PAHT:/app/bin\n', ['PAHT']],
    // A misspelling of the stage's own ARG.
    ['FROM alpine:3.20\nARG APP_DIR=/srv\nCOPY app ${APP_DRI}/\n', ['APP_DRI']],
    // A global ARG is not visible in a stage that does not declare it again.
    ['ARG VERSION=1.0\nFROM alpine:3.20\nLABEL version=$VERSION\n', [['VERSION', 1]]],
    // In a scratch stage, and in stages built from it, the whole environment is known.
    ['FROM scratch AS base\nENV A=1\nFROM base\nWORKDIR /srv/$A/$DEST\n', ['DEST']],
    // A variable defined after its use does not count.
    ['FROM scratch\nCOPY app $DEST\nENV DEST=/srv\n', [['DEST', 0]]],
  ],
  clean: [
    'ARG VERSION=1.0\nFROM alpine:3.20\nARG VERSION\nLABEL version=$VERSION\n',
    'FROM alpine:3.20\nENV PATH=$PATH:/app/bin HOME=/root\n',
    // A base image may set variables Shipshape cannot see.
    'FROM postgres:17\nCOPY conf /usr/lib/postgresql/$PG_MAJOR/\n',
    'FROM scratch\nCOPY app ${DEST:-/srv}\n',
    'FROM scratch\nRUN echo $UNDEFINED\nCMD echo $ALSO\n',
    'FROM scratch AS base\nENV DEST=/srv\nFROM base\nCOPY app $DEST\n',
  ],
});
