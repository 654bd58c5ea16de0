import { ruleCases } from './_cases';

ruleCases('dockerfile/json-form-cmd', {
  flags: [['FROM debian:12.8\nCMD node server.js\n', ['node server.js']]],
  clean: ['FROM debian:12.8\nCMD ["node", "server.js"]\n', 'FROM debian:12.8\nONBUILD RUN make\n'],
  fixes: [
    ['FROM debian:12.8\nENTRYPOINT java -jar "/app/my app.jar"\n', 'FROM debian:12.8\nENTRYPOINT ["java", "-jar", "/app/my app.jar"]\n'],
  ],
});
