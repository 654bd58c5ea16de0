import { strict as assert } from 'node:assert';
import { shellReady } from '../../../../server/src/dockerfile/shell';
import { applyFirstFix, lintString } from '../../helpers';
import { ruleCases } from './_cases';

ruleCases('dockerfile/wget-no-progress', {
  flags: [
    ['FROM debian:12.8\nRUN wget https://example.com/a.tgz\n', ['wget']],
    ['FROM debian:12.8\nRUN wget -O /tmp/a https://example.com/a && sudo wget -c https://example.com/b\n', ['wget', ['wget', 1]]],
    ['FROM debian:12.8\nRUN wget -Oq https://example.com/a\n', ['wget']],
  ],
  clean: [
    'FROM debian:12.8\nRUN wget --progress=dot:giga https://example.com/a\n',
    'FROM debian:12.8\nRUN wget -q https://example.com/a\n',
    'FROM debian:12.8\nRUN wget -qO- https://example.com/a | tar -xz\n',
    'FROM debian:12.8\nRUN wget -nv https://example.com/a\n',
    'FROM debian:12.8\nRUN wget --no-verbose https://example.com/a\n',
    'FROM debian:12.8\nRUN wget -o /dev/null https://example.com/a\n',
    'FROM debian:12.8\nRUN apt-get install -y wget\n',
  ],
  fixes: [
    [
      'FROM debian:12.8\nRUN wget https://example.com/a.tgz\n',
      'FROM debian:12.8\nRUN wget --progress=dot:giga https://example.com/a.tgz\n',
    ],
    [
      'FROM debian:12.8 AS base\nFROM base\nRUN cd /tmp && \\\n  sudo /usr/bin/wget -c https://example.com/b\n',
      'FROM debian:12.8 AS base\nFROM base\nRUN cd /tmp && \\\n  sudo /usr/bin/wget --progress=dot:giga -c https://example.com/b\n',
    ],
    [
      'FROM alpine:3.21\nRUN apk add --no-cache wget=1.25.0-r0\nRUN wget https://example.com/a\n',
      'FROM alpine:3.21\nRUN apk add --no-cache wget=1.25.0-r0\nRUN wget --progress=dot:giga https://example.com/a\n',
    ],
  ],
});

describe('dockerfile/wget-no-progress fix on BusyBox', () => {
  before(() => shellReady);
  for (const text of [
    'FROM alpine:3.21\nRUN wget https://example.com/a\n',
    'FROM python:3.13-alpine AS base\nFROM base\nRUN wget https://example.com/a\n',
    'FROM busybox:1.37\nRUN wget https://example.com/a\n',
    'FROM $BASE\nRUN wget https://example.com/a\n',
  ]) {
    it(`offers no --progress fix: ${JSON.stringify(text.slice(0, 40))}`, () => {
      assert.equal(lintString(text, { only: 'dockerfile/wget-no-progress' }).length, 1);
      assert.throws(() => applyFirstFix(text, 'dockerfile/wget-no-progress'), /offered no fix/);
    });
  }
});
