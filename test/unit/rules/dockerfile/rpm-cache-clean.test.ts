import { ruleCases } from './_cases';

ruleCases('dockerfile/rpm-cache-clean', {
  flags: [['FROM fedora:41\nRUN dnf install -y httpd-2.4.62\n', ['dnf']]],
  clean: [
    'FROM fedora:41\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n',
    'FROM fedora:41\nRUN yum install -y httpd-2.4.62 && rm -rf /var/cache/yum\n',
  ],
});
