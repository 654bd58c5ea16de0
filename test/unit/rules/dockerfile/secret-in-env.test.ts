import { ruleCases } from './_cases';

ruleCases('dockerfile/secret-in-env', {
  flags: [
    [
      'FROM debian:12.8\nENV DB_PASSWORD=hunter2\nARG GH=ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n',
      ['hunter2', 'ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'],
    ],
  ],
  clean: ['FROM debian:12.8\nENV DB_PASSWORD_FILE=/run/secrets/db\nARG NPM_TOKEN\nENV TOKEN=$NPM_TOKEN\nENV PASSWORD=changeme\n'],
});
