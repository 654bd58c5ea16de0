import { ruleCases } from './_cases';

ruleCases('dockerfile/expose-proto-casing', {
  flags: [
    ['FROM alpine:3.20\nEXPOSE 8080/TCP\n', ['TCP']],
    ['FROM alpine:3.20\nEXPOSE 80/tcp 53/Udp 9000-9010/SCTP\n', ['Udp', 'SCTP']],
  ],
  clean: ['FROM alpine:3.20\nEXPOSE 8080/tcp 53/udp 80\n', 'FROM alpine:3.20\nEXPOSE 80/${PROTO}\n'],
  fixes: [['FROM alpine:3.20\nEXPOSE 80/tcp 53/Udp\n', 'FROM alpine:3.20\nEXPOSE 80/tcp 53/udp\n']],
});
