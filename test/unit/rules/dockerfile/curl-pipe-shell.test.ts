import { ruleCases } from './_cases';

ruleCases('dockerfile/curl-pipe-shell', {
  flags: [
    ['FROM debian:12.8\nRUN curl -fsSL https://get.example.com | sh -s -- -y\n', ['curl -fsSL https://get.example.com | sh -s -- -y']],
  ],
  clean: [
    'FROM debian:12.8\nRUN curl -fsSLo /tmp/i.sh https://get.example.com && sha256sum -c sums && sh /tmp/i.sh\n',
    'FROM debian:12.8\nRUN curl -fsSL https://example.com/x.tgz | tar -xz\n',
  ],
});
