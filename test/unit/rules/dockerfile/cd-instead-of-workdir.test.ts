import { ruleCases } from './_cases';

ruleCases('dockerfile/cd-instead-of-workdir', {
  flags: [
    ['FROM debian:12.8\nRUN cd /src && make\n', ['cd']],
    // A folder made by an earlier RUN is not this RUN's scratch folder.
    ['FROM debian:12.8\nRUN mkdir /src\nRUN cd /src && make\n', ['cd']],
    // Made after the cd, or another folder than the one made.
    ['FROM debian:12.8\nRUN cd /src && mkdir /src/out\n', ['cd']],
    ['FROM debian:12.8\nRUN mkdir /tmp/a && cd /tmp/b && make\n', ['cd']],
    // A variable set from something other than mktemp.
    ['FROM debian:12.8\nRUN d=/opt/app && cd "$d" && make\n', ['cd']],
    ['RUN cd /src && make\n', ['cd'], { filename: 'Dockerfile' }],
  ],
  clean: [
    'FROM debian:12.8\nWORKDIR /src\nRUN make\n',
    'FROM debian:12.8\nRUN (cd /src && make)\n',
    'FROM debian:12.8\nRUN echo $(cd /x && pwd)\n',
    'FROM debian:12.8\nRUN bash <<EOF\ncd /src\nmake\nEOF\n',
    // Scratch folders of the same RUN.
    'FROM debian:12.8\nRUN cd "$(mktemp -d)" && curl -fsSLO https://example.com/x.tgz && tar xzf x.tgz\n',
    'FROM debian:12.8\nRUN cd `mktemp -d` && make\n',
    'FROM debian:12.8\nRUN tmp=$(mktemp -d) && cd "$tmp" && make && rm -rf "$tmp"\n',
    'FROM debian:12.8\nRUN export BUILD="$(mktemp -d -t build.XXXX)"; cd ${BUILD}; make\n',
    'FROM debian:12.8\nRUN mkdir /tmp/x && cd /tmp/x && make\n',
    'FROM debian:12.8\nRUN mkdir -p /tmp/x/ \\\n && cd /tmp/x \\\n && make\n',
    'FROM debian:12.8\nRUN mkdir build && cd build && cmake ..\n',
    'FROM debian:12.8\nRUN git clone https://example.com/r.git /tmp/r && cd /tmp/r && make install\n',
    'FROM debian:12.8\nRUN cd /tmp/src && make install && cd / && rm -rf /tmp/src\n',
  ],
  fixes: [['FROM debian:12.8\nRUN cd /src && make\n', 'FROM debian:12.8\nWORKDIR /src\nRUN make\n']],
});
