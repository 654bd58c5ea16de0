import { ruleCases } from './_cases';

ruleCases('dockerfile/apt-no-install-recommends', {
  flags: [['FROM debian:12.8\nRUN apt-get install -y \\\n  curl\n', ['apt-get']]],
  clean: [
    'FROM debian:12.8\nRUN apt-get install -y --no-install-recommends curl\n',
    'FROM debian:12.8\nRUN apt-get -o APT::Install-Recommends=false install -y curl\n',
    'FROM debian:12.8\nRUN apt-get update\n',
  ],
  fixes: [['FROM debian:12.8\nRUN apt-get install -y curl\n', 'FROM debian:12.8\nRUN apt-get install --no-install-recommends -y curl\n']],
});
