import { ruleCases } from './_cases';

ruleCases('dockerfile/label-schema', {
  flags: [
    ['FROM debian:12.8\nLABEL version="" my_key=x\n', ['version=""', 'my_key']],
    [
      'FROM debian:12.8\nLABEL a=b\n',
      ['FROM'],
      { config: 'rules:\n  dockerfile/label-schema:\n    requiredLabels: [org.opencontainers.image.source]\n' },
    ],
    [
      'FROM debian:12.8\nLABEL org.opencontainers.image.source=x team=a\n',
      ['team'],
      { config: 'rules:\n  dockerfile/label-schema:\n    requiredLabels: [org.opencontainers.image.source]\n    strictLabels: true\n' },
    ],
    ['FROM debian:12.8\nLABEL team=a\n', ['team'], { config: 'rules:\n  dockerfile/label-schema:\n    strictLabels: true\n' }],
  ],
  clean: [
    [
      'FROM debian:12.8\nLABEL org.opencontainers.image.source=x\n',
      { config: 'rules:\n  dockerfile/label-schema:\n    requiredLabels: [org.opencontainers.image.source]\n    strictLabels: true\n' },
    ],
    ['FROM debian:12.8\nLABEL team=a\n', { config: 'rules:\n  dockerfile/label-schema:\n    strictLabels: false\n' }],
    'FROM debian:12.8\nLABEL org.opencontainers.image.source="https://example.com" version="1.0"\n',
    [
      'FROM debian:12.8 AS base\nLABEL org.opencontainers.image.source=x\nFROM base\n',
      { config: 'rules:\n  dockerfile/label-schema:\n    requiredLabels: [org.opencontainers.image.source]\n' },
    ],
  ],
});
