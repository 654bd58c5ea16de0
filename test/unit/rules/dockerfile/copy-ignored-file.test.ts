import { strict as assert } from 'node:assert';
import { cleanPath, ignorePatterns, ignored } from '../../../../server/src/dockerfile/ignore';
import { ruleCases } from './_cases';

const ignore = (text: string) => ({ files: { '.dockerignore': text } });

ruleCases('dockerfile/copy-ignored-file', {
  flags: [
    ['FROM alpine:3.20\nCOPY app.conf secrets/db.conf /etc/app/\n', ['secrets/db.conf'], ignore('.git\nsecrets/\n')],
    // A pattern on a parent folder excludes what is inside it.
    ['FROM alpine:3.20\nADD node_modules/x/index.js /srv/\n', ['node_modules/x/index.js'], ignore('node_modules\n')],
    ['FROM alpine:3.20\nCOPY ./docs/a.md /srv/\n', ['./docs/a.md'], ignore('# docs\n**/*.md\n')],
    // A Dockerfile-specific ignore file wins over .dockerignore.
    ['FROM alpine:3.20\nCOPY build /srv/\n', ['build'], { files: { '.dockerignore': 'tmp\n', 'Dockerfile.dockerignore': 'build\n' } }],
  ],
  clean: [
    ['FROM alpine:3.20\nCOPY app.conf /etc/app/\n', ignore('.git\nsecrets/\n')],
    // Re-inclusions make Docker skip the check; so does Shipshape.
    ['FROM alpine:3.20\nCOPY secrets/public.pem /etc/app/\n', ignore('secrets\n!secrets/public.pem\n')],
    ['FROM alpine:3.20 AS b\nFROM alpine:3.20\nCOPY --from=b secrets/x /x\nCOPY $SRC /y\n', ignore('secrets\n$SRC\n')],
    ['FROM alpine:3.20\nCOPY docs/a.md /srv/\n', ignore('*.md\n')],
    'FROM alpine:3.20\nCOPY secrets/db.conf /etc/app/\n',
  ],
});

describe('dockerignore matching', () => {
  const pats = (s: string) => ignorePatterns(s.split('\n'));
  it('matches globs within a segment, classes, escapes and ** across segments', () => {
    assert.equal(ignored(pats('*.log'), 'a.log'), true);
    assert.equal(ignored(pats('*.log'), 'logs/a.log'), false);
    assert.equal(ignored(pats('**/*.log'), 'logs/deep/a.log'), true);
    assert.equal(ignored(pats('file[0-9].txt'), 'file7.txt'), true);
    assert.equal(ignored(pats('file[^0-9].txt'), 'file7.txt'), false);
    assert.equal(ignored(pats('a?c'), 'abc'), true);
    assert.equal(ignored(pats('/build/'), 'build/out/x'), true);
    assert.equal(ignored(pats('x\\*y'), 'x*y'), true);
    assert.equal(ignored(pats('x\\*y'), 'xay'), false);
  });
  it('lets the last matching pattern decide', () => {
    assert.equal(ignored(pats('docs\n!docs'), 'docs/a'), false);
    assert.equal(ignored(pats('!docs\ndocs'), 'docs/a'), true);
  });
  it('cleans paths as the builder does', () => {
    assert.equal(cleanPath('./a//b/../c/'), 'a/c');
  });
});
