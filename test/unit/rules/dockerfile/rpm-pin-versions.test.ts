import { ruleCases } from './_cases';

ruleCases('dockerfile/rpm-pin-versions', {
  flags: [['FROM fedora:41\nRUN dnf install -y httpd-2.4.62 mod_ssl && dnf clean all\n', ['mod_ssl']]],
  clean: ['FROM fedora:41\nRUN dnf install -y httpd-2.4.62 @development-tools ./x.rpm && dnf clean all\n'],
});
