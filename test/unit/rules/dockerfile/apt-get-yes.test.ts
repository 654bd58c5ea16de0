import { ruleCases } from './_cases';

ruleCases('dockerfile/apt-get-yes', {
  flags: [
    ['FROM debian:12.8\nRUN apt-get update && apt-get install curl\n', [['apt-get', 1]]],
    ['FROM debian:12.8\nRUN sudo apt-get upgrade\n', ['apt-get']],
  ],
  clean: [
    'FROM debian:12.8\nRUN apt-get update && apt-get install -y curl\n',
    'FROM debian:12.8\nRUN apt-get -qq install curl\n',
    'FROM debian:12.8\nRUN apt-get install --yes curl\n',
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
