import { ruleCases } from './_cases';

ruleCases('dockerfile/npm-ci', {
  flags: [['FROM node:22.12.0\nRUN npm install --omit=dev\n', ['install']]],
  clean: ['FROM node:22.12.0\nRUN npm ci --omit=dev\n', 'FROM node:22.12.0\nRUN npm install -g pnpm@9.15.0\n'],
  fixes: [
    ['FROM node:22.12.0\nRUN npm install\n', 'FROM node:22.12.0\nRUN npm ci\n'],
    ['FROM node:8.17-alpine\nRUN npm install\n', 'FROM node:8.17-alpine\nRUN npm ci\n'],
  ],
  // npm before 5.7 (node before 8) has no ci.
  noFix: ['FROM node:6\nRUN npm install\n', 'FROM node:0.12.18 AS deps\nFROM deps\nRUN npm install\n'],
});
