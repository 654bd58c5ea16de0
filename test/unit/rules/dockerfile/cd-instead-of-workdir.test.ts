import { ruleCases } from './_cases';

ruleCases('dockerfile/cd-instead-of-workdir', {
  flags: [['FROM debian:12.8\nRUN cd /src && make\n', ['cd']]],
  clean: [
    'FROM debian:12.8\nWORKDIR /src\nRUN make\n',
    'FROM debian:12.8\nRUN (cd /src && make)\n',
    'FROM debian:12.8\nRUN echo $(cd /x && pwd)\n',
  ],
  fixes: [['FROM debian:12.8\nRUN cd /src && make\n', 'FROM debian:12.8\nWORKDIR /src\nRUN make\n']],
});
