import { ruleCases } from './_cases';

const AFTER_SHELL = 'rules:\n  dockerfile/json-form-cmd:\n    exceptAfterShell: true\n';

ruleCases('dockerfile/json-form-cmd', {
  flags: [
    ['FROM debian:12.8\nCMD node server.js\n', ['node server.js']],
    ['FROM debian:12.8\nSHELL ["/bin/bash", "-c"]\nCMD node server.js\n', ['node server.js']],
    ['FROM debian:12.8\nCMD node server.js\nSHELL ["/bin/bash", "-c"]\n', ['node server.js'], { config: AFTER_SHELL }],
    [
      'FROM debian:12.8 AS a\nSHELL ["/bin/bash", "-c"]\nFROM debian:12.8\nCMD node server.js\n',
      ['node server.js'],
      { config: AFTER_SHELL },
    ],
  ],
  clean: [
    'FROM debian:12.8\nCMD ["node", "server.js"]\n',
    'FROM debian:12.8\nONBUILD RUN make\n',
    ['FROM debian:12.8\nSHELL ["/bin/bash", "-c"]\nCMD node server.js\n', { config: AFTER_SHELL }],
    ['FROM debian:12.8 AS base\nSHELL ["/bin/bash", "-c"]\nFROM base\nENTRYPOINT node server.js\n', { config: AFTER_SHELL }],
  ],
  fixes: [
    ['FROM debian:12.8\nENTRYPOINT java -jar "/app/my app.jar"\n', 'FROM debian:12.8\nENTRYPOINT ["java", "-jar", "/app/my app.jar"]\n'],
  ],
});
