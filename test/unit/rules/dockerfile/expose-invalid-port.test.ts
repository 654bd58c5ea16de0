import { ruleCases } from './_cases';

ruleCases('dockerfile/expose-invalid-port', {
  flags: [['FROM debian:12.8\nEXPOSE 8080 70000 80:80\n', ['70000', '80:80']]],
  clean: ['FROM debian:12.8\nEXPOSE 8080/tcp 53/udp 8000-8010 ${PORT}\n'],
});
