import { ruleCases } from './_cases';

ruleCases('dockerfile/apt-pin-versions', {
  flags: [['FROM debian:12.8\nRUN apt-get install -y curl=7.88.1-10 \\\n  # tools\n  wget ./local.deb\n', ['wget']]],
  clean: ['FROM debian:12.8\nRUN apt-get install -y curl=7.88.1-10 "wget=1.21*"\n', 'FROM debian:12.8\nRUN apt-get install -y $PACKAGES\n'],
});
