import { ruleCases } from './_cases';

ruleCases('dockerfile/apt-lists-not-removed', {
  flags: [
    ['FROM debian:12.8\nRUN apt-get update && apt-get install -y curl\n', [['apt-get', 1]]],
    // `apt-get clean` empties the archive cache, not the lists.
    ['FROM debian:12.8\nRUN apt-get update && apt-get install -y curl && apt-get clean\n', [['apt-get', 1]]],
    // Removing them in a later RUN is too late.
    ['FROM debian:12.8\nRUN apt-get update && apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*\n', [['apt-get', 1]]],
    ['FROM debian:12.8\nRUN apt-get update && apt-get install -y curl && rm -rf /var/cache/apt\n', [['apt-get', 1]]],
    // Without a FROM the file is one stage, and the last.
    ['RUN apt-get update && apt-get install -y curl\n', [['apt-get', 1]], { filename: 'Dockerfile' }],
  ],
  clean: [
    'FROM debian:12.8\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    'FROM debian:12.8 AS build\nRUN apt-get update && apt-get install -y gcc\nFROM scratch\n',
    'FROM debian:trixie\nRUN apt-get update && apt-get install -y curl && apt-get dist-clean\n',
    'FROM debian:trixie\nRUN apt update && apt install -y curl && apt dist-clean\n',
    'FROM debian:12.8\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists\n',
    'FROM debian:12.8\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt\n',
    'FROM debian:12.8\nRUN apt-get update && apt-get install -y curl && rm -rf "/var/lib/apt/lists/"*\n',
    'FROM debian:12.8\nRUN apt-get update && apt-get install -y curl && find /var/lib/apt/lists -type f -delete\n',
    'FROM debian:12.8\nRUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y curl\n',
  ],
  fixes: [
    [
      'FROM debian:12.8\nRUN apt-get update \\\n  && apt-get install -y curl\n',
      'FROM debian:12.8\nRUN apt-get update \\\n  && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    ],
  ],
});
