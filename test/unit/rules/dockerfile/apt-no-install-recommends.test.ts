import { ruleCases } from './_cases';

ruleCases('dockerfile/apt-no-install-recommends', {
  flags: [
    ['FROM debian:12.8\nRUN apt-get install -y \\\n  curl\n', ['apt-get']],
    ['FROM debian:12.8\nRUN apt-get -o APT::Install-Recommends=true install -y curl\n', ['apt-get']],
    ['FROM debian:12.8\nENV DEBIAN_FRONTEND=noninteractive\nRUN apt-get install -y curl\n', ['apt-get']],
    // Written after the install, or in a stage the install's stage is not built from.
    ['FROM debian:12.8\nRUN apt-get install -y curl\nRUN echo \'APT::Install-Recommends "0";\' > /etc/apt/apt.conf.d/99r\n', ['apt-get']],
    [
      'FROM debian:12.8 AS a\nRUN echo \'APT::Install-Recommends "0";\' > /etc/apt/apt.conf.d/99r\nFROM debian:12.8\nRUN apt-get install -y curl\n',
      ['apt-get'],
    ],
  ],
  clean: [
    'FROM debian:12.8\nRUN apt-get install -y --no-install-recommends curl\n',
    'FROM debian:12.8\nRUN apt-get -o APT::Install-Recommends=false install -y curl\n',
    'FROM debian:12.8\nRUN apt-get -o apt::install-recommends=0 install -y curl\n',
    'FROM debian:12.8\nRUN apt-get install -y --option=APT::Install-Recommends=no curl\n',
    'FROM debian:12.8\nRUN echo \'APT::Install-Recommends "0";\' > /etc/apt/apt.conf.d/99r\nRUN apt-get install -y curl\n',
    'FROM debian:12.8 AS base\nRUN echo \'APT::Install-Recommends "false";\' > /etc/apt/apt.conf.d/99r\nFROM base\nRUN apt-get install -y curl\n',
    'FROM debian:12.8\nCOPY <<EOF /etc/apt/apt.conf.d/99r\nAPT::Install-Recommends "false";\nEOF\nRUN apt-get install -y curl\n',
    'FROM debian:12.8\nRUN apt-get install -y curl=8.5.0 -s\n',
    'FROM debian:12.8\nRUN apt-get update\n',
  ],
  fixes: [['FROM debian:12.8\nRUN apt-get install -y curl\n', 'FROM debian:12.8\nRUN apt-get install --no-install-recommends -y curl\n']],
});
