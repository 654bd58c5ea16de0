import { ruleCases } from './_cases';

ruleCases('dockerfile/npm-ci', {
  flags: [['FROM node:22.12.0\nRUN npm install --omit=dev\n', ['install']]],
  clean: ['FROM node:22.12.0\nRUN npm ci --omit=dev\n', 'FROM node:22.12.0\nRUN npm install -g pnpm@9.15.0\n'],
  fixes: [['FROM node:22.12.0\nRUN npm install\n', 'FROM node:22.12.0\nRUN npm ci\n']],
});
