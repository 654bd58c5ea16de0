import { ruleCases } from './_cases';

ruleCases('dockerfile/healthcheck-missing', {
  flags: [['FROM debian:12.8\nEXPOSE 8080\nCMD ["app"]\n', ['FROM']]],
  clean: ['FROM debian:12.8\nEXPOSE 8080\nHEALTHCHECK CMD ["app", "health"]\nCMD ["app"]\n', 'FROM debian:12.8\nCMD ["app"]\n'],
  fixes: [
    [
      'FROM debian:12.8\nEXPOSE 8080\nCMD ["app"]\n',
      'FROM debian:12.8\nEXPOSE 8080\nHEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD curl -fsS http://localhost:8080/ || exit 1\nCMD ["app"]\n',
    ],
  ],
});
