import { ruleCases } from './_cases';

ruleCases('dockerfile/npm-pin-versions', {
  flags: [['FROM node:22.12.0\nRUN npm install -g typescript @angular/cli\n', ['typescript', '@angular/cli']]],
  clean: ['FROM node:22.12.0\nRUN npm install -g typescript@5.9.3 @angular/cli@19.0.0 ./local\n', 'FROM node:22.12.0\nRUN npm install\n'],
});
