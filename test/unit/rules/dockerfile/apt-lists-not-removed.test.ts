import { ruleCases } from './_cases';

ruleCases('dockerfile/apt-lists-not-removed', {
  flags: [['FROM debian:12.8\nRUN apt-get update && apt-get install -y curl\n', [['apt-get', 1]]]],
  clean: [
    'FROM debian:12.8\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    'FROM debian:12.8 AS build\nRUN apt-get update && apt-get install -y gcc\nFROM scratch\n',
    'FROM debian:12.8\nRUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y curl\n',
  ],
  fixes: [
    [
      'FROM debian:12.8\nRUN apt-get update \\\n  && apt-get install -y curl\n',
      'FROM debian:12.8\nRUN apt-get update \\\n  && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    ],
  ],
});
