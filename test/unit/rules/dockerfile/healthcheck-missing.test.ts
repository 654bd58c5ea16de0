import { ruleCases } from './_cases';

const HC = 'HEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD';

ruleCases('dockerfile/healthcheck-missing', {
  flags: [['FROM debian:12.8\nEXPOSE 8080\nCMD ["app"]\n', ['FROM']]],
  clean: ['FROM debian:12.8\nEXPOSE 8080\nHEALTHCHECK CMD ["app", "health"]\nCMD ["app"]\n', 'FROM debian:12.8\nCMD ["app"]\n'],
  fixes: [
    [
      'FROM debian:12.8\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nEXPOSE 8080\nCMD ["app"]\n',
      `FROM debian:12.8\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nEXPOSE 8080\n${HC} curl -fsS http://localhost:8080/ || exit 1\nCMD ["app"]\n`,
    ],
    [
      'FROM alpine:3.20\nEXPOSE 8080/tcp\nCMD ["app"]\n',
      `FROM alpine:3.20\nEXPOSE 8080/tcp\n${HC} wget -q --spider http://localhost:8080/ || exit 1\nCMD ["app"]\n`,
    ],
    [
      'FROM debian:12.8 AS base\nRUN apk add --no-cache wget\nFROM base\nEXPOSE 3000\n',
      `FROM debian:12.8 AS base\nRUN apk add --no-cache wget\nFROM base\nEXPOSE 3000\n${HC} wget -q --spider http://localhost:3000/ || exit 1\n`,
    ],
  ],
  noFix: [
    // Nothing says the image has curl or wget.
    'FROM debian:12.8\nEXPOSE 8080\nCMD ["app"]\n',
    // A database port does not answer HTTP.
    'FROM postgres:16\nRUN apt-get update && apt-get install -y curl\nEXPOSE 5432\nCMD ["postgres"]\n',
    'FROM alpine:3.20\nEXPOSE 6379\nCMD ["redis-server"]\n',
    'FROM alpine:3.20\nEXPOSE 53/udp\nCMD ["dns"]\n',
    // The instruction would land inside a heredoc that is never closed.
    'FROM alpine:3.20\nEXPOSE 8080\nRUN <<EOF\necho unterminated\n',
  ],
});
