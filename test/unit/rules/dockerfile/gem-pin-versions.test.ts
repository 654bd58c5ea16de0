import { ruleCases } from './_cases';

ruleCases('dockerfile/gem-pin-versions', {
  flags: [['FROM ruby:3.3.6\nRUN gem install bundler rake:13.2.1\n', ['bundler']]],
  clean: ['FROM ruby:3.3.6\nRUN gem install bundler:2.5.22\n', 'FROM ruby:3.3.6\nRUN gem install bundler -v 2.5.22\n'],
});
