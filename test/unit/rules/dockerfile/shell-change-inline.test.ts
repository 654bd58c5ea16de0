import { ruleCases } from './_cases';

ruleCases('dockerfile/shell-change-inline', {
  flags: [['FROM debian:12.8\nRUN ln -sf /bin/bash /bin/sh\n', ['ln']]],
  clean: ['FROM debian:12.8\nSHELL ["/bin/bash", "-c"]\n', 'FROM debian:12.8\nRUN ln -s /usr/bin/python3 /usr/bin/python\n'],
});
