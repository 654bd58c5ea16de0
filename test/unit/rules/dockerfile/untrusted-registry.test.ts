import { ruleCases } from './_cases';

ruleCases('dockerfile/untrusted-registry', {
  flags: [
    ['FROM evil.example.com/base:1.0.0\n', ['evil.example.com/base:1.0.0']],
    [
      'FROM docker.io/library/debian:12.8\n',
      ['docker.io/library/debian:12.8'],
      { config: 'rules:\n  dockerfile/untrusted-registry:\n    trustedRegistries: [registry.example.com]\n' },
    ],
  ],
  clean: [
    'FROM ghcr.io/org/app:1.0.0\n',
    [
      'FROM registry.example.com/base:1.0.0\n',
      { config: 'rules:\n  dockerfile/untrusted-registry:\n    trustedRegistries: [registry.example.com]\n' },
    ],
  ],
});
