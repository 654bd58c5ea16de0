import { ruleCases } from './_cases';

ruleCases('dockerfile/apt-update-alone', {
  flags: [['FROM debian:12.8\nRUN apt-get update\nRUN apt-get install -y curl\n', ['apt-get']]],
  clean: ['FROM debian:12.8\nRUN apt-get update && apt-get install -y curl\n'],
});
