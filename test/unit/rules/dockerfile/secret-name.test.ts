import { ruleCases } from './_cases';

const naming = (n: string) => `rules:\n  dockerfile/secret-name:\n    naming: ${n}\n`;

ruleCases('dockerfile/secret-name', {
  flags: [
    // Without a default: --build-arg fills it and the history records it.
    ['FROM alpine:3.20\nARG GITHUB_TOKEN\n', ['GITHUB_TOKEN']],
    ['FROM alpine:3.20\nARG AWS_ACCESS_KEY_ID\nARG AWS_SECRET_ACCESS_KEY\n', ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']],
    ['FROM alpine:3.20\nENV passwd=banana secret=passwd\n', ['passwd', ['secret', 0]]],
    ['FROM alpine:3.20\nENV DB_PASSWORD hunter2\n', ['DB_PASSWORD']],
    // Docker's words only: whole parts of the name.
    ['FROM alpine:3.20\nARG auth\nARG MYTOKENS\n', ['auth'], { config: naming('docker') }],
    // hadolint's words: anywhere in the name, and well-known names.
    ['FROM alpine:3.20\nARG MYTOKENS\nARG GIT_USERNAME\nARG auth\n', ['MYTOKENS', 'GIT_USERNAME'], { config: naming('hadolint') }],
    ['FROM alpine:3.20\nARG PASSWORD_FILE\n', ['PASSWORD_FILE'], { config: naming('hadolint') }],
    ['FROM alpine:3.20\nARG MYTOKENS\nARG auth\n', ['MYTOKENS', 'auth']],
  ],
  clean: [
    'FROM alpine:3.20\nARG APP_VERSION=1.2.3\nENV PATH=/usr/local/bin:$PATH\n',
    'FROM alpine:3.20\nARG PUBLIC_KEY\n',
    ['FROM alpine:3.20\nARG PUBLIC_KEY\nARG TOKEN_VERSION=2\n', { config: naming('docker') }],
    ['FROM alpine:3.20\nARG PASSWORD_FILE=/run/secrets/db\nARG KEYBOARD=us\n', { config: naming('docker') }],
    ['FROM alpine:3.20\nARG SSH_KEY_PATH=/x\n', { config: naming('hadolint') }],
  ],
});
