import { ruleCases } from './_cases';

ruleCases('dockerfile/legacy-key-value', {
  flags: [
    ['FROM alpine:3.20\nENV APP_HOME /srv/app\n', ['APP_HOME /srv/app']],
    ['FROM alpine:3.20\nENV A 1 B 2\n', ['A 1 B 2']],
    ['FROM alpine:3.20\nLABEL maintainer Jane\n', ['maintainer Jane']],
  ],
  clean: ['FROM alpine:3.20\nENV APP_HOME=/srv/app A="1 2"\nLABEL maintainer=Jane\n', 'FROM alpine:3.20\nARG VERSION\n'],
  fixes: [
    ['FROM alpine:3.20\nENV APP_HOME /srv/app\n', 'FROM alpine:3.20\nENV APP_HOME=/srv/app\n'],
    ['FROM alpine:3.20\nENV GREETING hello  world\n', 'FROM alpine:3.20\nENV GREETING="hello  world"\n'],
  ],
});
