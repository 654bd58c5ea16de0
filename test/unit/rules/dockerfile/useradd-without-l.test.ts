import { ruleCases } from './_cases';

ruleCases('dockerfile/useradd-without-l', {
  flags: [['FROM debian:12.8\nRUN useradd -u 1000000 app\n', ['useradd']]],
  clean: ['FROM debian:12.8\nRUN useradd -l -u 1000000 app\n', 'FROM debian:12.8\nRUN useradd -u 10001 app\n'],
});
