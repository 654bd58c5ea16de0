import { ruleCases } from './_cases';

ruleCases('dockerfile/copy-from-unknown-stage', {
  flags: [['FROM debian:12.8\nCOPY --from=biulder /out /app\n', ['biulder']]],
  clean: [
    'FROM golang:1.23.4 AS builder\nRUN make\nFROM debian:12.8\nCOPY --from=builder /out /app\nCOPY --from=nginx:1.27.3 /etc/nginx /etc/nginx\nCOPY --from=0 /out /b\n',
  ],
});
