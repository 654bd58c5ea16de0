import { ruleCases } from './_cases';

ruleCases('dockerfile/dockerignore-incomplete', {
  flags: [
    ['node_modules\n', ['node_modules'], { filename: '.dockerignore' }],
    ['.git\n.env\n', ['.git'], { filename: '.dockerignore', files: { 'package.json': '{}' } }],
  ],
  clean: [
    ['.git\n**/.env*\n', { filename: '.dockerignore' }],
    ['*\n!src\n', { filename: '.dockerignore', files: { 'package.json': '{}' } }],
  ],
});
