import { strict as assert } from 'node:assert';
import { shellReady } from '../../../../server/src/dockerfile/shell';
import { applyFirstFix, lintString } from '../../helpers';
import { ruleCases } from './_cases';

ruleCases('dockerfile/container-pointless-command', {
  flags: [
    ['FROM debian:12.8\nRUN service nginx start\n', ['service']],
    ['FROM debian:12.8\nRUN ps aux && top -b -n1 && free -m\n', ['ps', 'top', 'free']],
    ['FROM debian:12.8\nRUN sudo mount -t tmpfs none /mnt ; ifconfig\n', ['mount', 'ifconfig']],
    ['FROM debian:12.8\nRUN ssh host true || kill 1 || shutdown -h now || vim -c q a\n', ['ssh', 'kill', 'shutdown', 'vim']],
  ],
  clean: [
    'FROM debian:12.8\nRUN apt-get install -y vim openssh-client procps\n',
    'FROM debian:12.8\nRUN --mount=type=cache,target=/var/cache/apt echo ps top\n',
    'FROM debian:12.8\nRUN ssh-keygen -A && ssh-keyscan github.com >> /etc/ssh/ssh_known_hosts\n',
    'FROM debian:12.8\nCMD ["service", "nginx", "start"]\n',
  ],
  fixes: [
    ['FROM debian:12.8\nRUN service nginx start\nUSER 1000\n', 'FROM debian:12.8\nUSER 1000\n'],
    ['FROM debian:12.8\n  RUN --mount=type=tmpfs,target=/t \\\n    sudo ps aux', 'FROM debian:12.8\n'],
    ['FROM debian:12.8\nRUN ps aux && apt-get update\n', 'FROM debian:12.8\nRUN apt-get update\n'],
    ['FROM debian:12.8\nRUN a && free -m && b\n', 'FROM debian:12.8\nRUN a && b\n'],
    ['FROM debian:12.8\nRUN make \\\n  && ps aux\nUSER 1000\n', 'FROM debian:12.8\nRUN make\nUSER 1000\n'],
    ['FROM debian:12.8\nRUN ps aux \\\n  && make\n', 'FROM debian:12.8\nRUN make\n'],
    ['FROM debian:12.8\nONBUILD RUN top -b -n1\n', 'FROM debian:12.8\n'],
  ],
});

describe('dockerfile/container-pointless-command fix', () => {
  before(() => shellReady);
  for (const text of [
    'FROM debian:12.8\nRUN ps aux | grep x\n',
    'FROM debian:12.8\nRUN a || kill 1\n',
    'FROM debian:12.8\nRUN a; ps aux\n',
    'FROM debian:12.8\nRUN ps aux > /tmp/ps.txt && b\n',
    'FROM debian:12.8\nRUN (cd /x && make) && ps\n',
    'FROM debian:12.8\nRUN if true; then ps; fi\n',
    'FROM debian:12.8\nRUN echo "$(ps)"\n',
    'FROM debian:12.8\nRUN <<EOF\nps aux\nEOF\n',
    'FROM debian:12.8\nRUN ps aux &\n',
  ]) {
    it(`offers no fix: ${JSON.stringify(text.slice(17))}`, () => {
      assert.ok(lintString(text, { only: 'dockerfile/container-pointless-command' }).length > 0);
      assert.throws(() => applyFirstFix(text, 'dockerfile/container-pointless-command'), /offered no fix/);
    });
  }
});
