import { ruleCases } from './_cases';

ruleCases('dockerfile/yarn-cache-clean', {
  flags: [
    ['FROM node:22.12.0\nRUN yarn install --frozen-lockfile\n', ['yarn']],
    ['RUN yarn install --frozen-lockfile\n', ['yarn'], { filename: 'Dockerfile' }],
  ],
  clean: [
    'FROM node:22.12.0\nRUN yarn install --frozen-lockfile && yarn cache clean\n',
    'FROM node:22.12.0 AS deps\nRUN yarn install\nFROM scratch\n',
  ],
});
