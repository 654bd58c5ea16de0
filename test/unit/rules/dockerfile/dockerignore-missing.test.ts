import { ruleCases } from './_cases';

ruleCases('dockerfile/dockerignore-missing', {
  flags: [['FROM debian:12.8\n', ['FROM debian:12.8']]],
  clean: [
    ['FROM debian:12.8\n', { files: { '.dockerignore': '.git\n' } }],
    ['FROM debian:12.8\n', { filename: 'api.Dockerfile', files: { 'api.Dockerfile.dockerignore': '.git\n' } }],
  ],
});
