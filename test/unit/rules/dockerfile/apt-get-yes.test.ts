import { ruleCases } from './_cases';

ruleCases('dockerfile/apt-get-yes', {
  flags: [
    ['FROM debian:12.8\nRUN apt-get update && apt-get install curl\n', [['apt-get', 1]]],
    ['FROM debian:12.8\nRUN sudo apt-get upgrade\n', ['apt-get']],
    ['FROM debian:12.8\nRUN sudo -u root apt-get install curl\n', ['apt-get']],
    // DEBIAN_FRONTEND silences debconf, not apt's confirmation.
    ['FROM debian:12.8\nENV DEBIAN_FRONTEND=noninteractive\nRUN apt-get install curl\n', ['apt-get']],
    ['FROM debian:12.8\nRUN DEBIAN_FRONTEND=noninteractive apt-get install curl\n', ['apt-get']],
    ['FROM debian:12.8\nRUN apt-get -o APT::Get::Assume-Yes=false install curl\n', ['apt-get']],
    ['FROM debian:12.8\nRUN apt-get -q install curl\n', ['apt-get']],
    // A config file written after the install, or in another stage, does not count.
    ['FROM debian:12.8\nRUN apt-get install curl\nRUN echo \'APT::Get::Assume-Yes "true";\' > /etc/apt/apt.conf.d/90yes\n', ['apt-get']],
    ['RUN apt-get remove curl\n', ['apt-get'], { filename: 'Dockerfile' }],
  ],
  clean: [
    'FROM debian:12.8\nRUN apt-get update && apt-get install -y curl\n',
    'FROM debian:12.8\nRUN apt-get -qq install curl\n',
    'FROM debian:12.8\nRUN apt-get install --yes curl\n',
    'FROM debian:12.8\nRUN apt-get install --assume-yes curl\n',
    'FROM debian:12.8\nRUN apt-get install -qy curl\n',
    'FROM debian:12.8\nRUN apt-get install -q=2 curl\n',
    'FROM debian:12.8\nRUN apt-get install --dry-run curl\n',
    'FROM debian:12.8\nRUN apt-get -o APT::Get::Assume-Yes=true install curl\n',
    'FROM debian:12.8\nRUN apt-get --option=apt::get::assume-yes=1 install curl\n',
    'FROM debian:12.8\nRUN echo \'APT::Get::Assume-Yes "true";\' > /etc/apt/apt.conf.d/90yes\nRUN apt-get install curl\n',
    'FROM debian:12.8\nRUN echo "APT::Get::Assume-Yes \\"true\\";" > /etc/apt/apt.conf.d/90yes && apt-get install curl\n',
    'FROM debian:12.8\nRUN apt-get update\n',
    'FROM debian:12.8\nRUN echo "apt-get install curl"\n',
    'FROM debian:12.8\nRUN if apt-get install -s "pkg-$V" > /dev/null 2>&1; then echo ok; fi\n',
  ],
  fixes: [
    [
      'FROM debian:12.8\nRUN apt-get update && apt-get install \\\n    curl\n',
      'FROM debian:12.8\nRUN apt-get update && apt-get install -y \\\n    curl\n',
    ],
  ],
});
