import { ruleCases } from './_cases';

ruleCases('dockerfile/apt-not-apt-get', {
  flags: [['FROM debian:12.8\nRUN apt update && apt install -y curl\n', ['apt', ['apt', 1]]]],
  clean: ['FROM debian:12.8\nRUN apt-get update && apt-cache show curl\n', 'FROM debian:12.8\nRUN echo apt\n'],
  fixes: [
    ['FROM debian:12.8\nRUN apt install -y curl\n', 'FROM debian:12.8\nRUN apt-get install -y curl\n'],
    ['FROM debian:12.8\nRUN apt show curl\n', 'FROM debian:12.8\nRUN apt-cache show curl\n'],
  ],
  noFix: ['FROM debian:12.8\nRUN apt list --installed\n'],
});
