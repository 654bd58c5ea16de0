import { strict as assert } from 'node:assert';
import { shellReady } from '../../../../server/src/dockerfile/shell';
import { lintString, r } from '../../helpers';
import { rangeOf, ruleCases } from './_cases';

ruleCases('dockerfile/run-in-scratch', {
  flags: [
    ['FROM scratch\nRUN apt-get update && apt-get install python\n', ['RUN']],
    ['FROM scratch\nRUN ["/app", "--migrate"]\n', ['RUN']],
    // Through an earlier stage built FROM scratch, with nothing copied into either.
    ['FROM scratch AS base\nLABEL a=b\nFROM base\nRUN true\n', [['RUN', 0]]],
    ['FROM SCRATCH\nRUN true\n', ['RUN']],
    // Only the RUN before the COPY.
    ['FROM scratch\nRUN mkdir /data\nCOPY app /app\nRUN /app --init\n', [['RUN', 0]]],
    // Through an ARG default.
    ['ARG BASE=scratch\nFROM ${BASE}\nRUN true\n', ['RUN']],
  ],
  clean: [
    'FROM debian:12.8\nRUN true\n',
    // The way official base images start.
    'FROM scratch\nADD rootfs.tar.xz /\nRUN apt-get update\n',
    'FROM scratch\nCOPY --from=busybox:1.36 /bin/busybox /bin/sh\nRUN echo hi\n',
    'FROM scratch AS base\nCOPY rootfs/ /\nFROM base\nRUN echo hi\n',
    'FROM scratch\nONBUILD RUN make\n',
    'FROM $UNKNOWN\nRUN true\n',
    ['RUN true\n', { filename: 'Dockerfile' }],
  ],
});

describe('dockerfile/run-in-scratch alongside the shell rules', () => {
  before(() => shellReady);
  it('a RUN in a scratch stage also gets the usual shell findings', () => {
    const text = 'FROM scratch\nRUN apt-get update && apt-get install python\n';
    const found = lintString(text)
      .filter((f) => f.range.start.line === 1)
      .map((f) => `${f.ruleId} ${r(f.range).join(',')}`);
    const at = (m: string, n = 0) => rangeOf(text, [m, n]).join(',');
    assert.deepEqual(found, [
      `dockerfile/run-in-scratch ${at('RUN')}`,
      `dockerfile/apt-get-yes ${at('apt-get', 1)}`,
      `dockerfile/apt-lists-not-removed ${at('apt-get', 1)}`,
      `dockerfile/apt-no-install-recommends ${at('apt-get', 1)}`,
      `dockerfile/apt-pin-versions ${at('python')}`,
    ]);
  });
});
