import { ruleCases } from './_cases';

ruleCases('dockerfile/rpm-install-yes', {
  flags: [
    ['FROM fedora:41\nRUN dnf install httpd-2.4.62\n', ['dnf']],
    ['FROM opensuse/leap:15.6\nRUN zypper install curl=8.0\n', ['zypper']],
  ],
  clean: [
    'FROM fedora:41\nRUN dnf install -y httpd-2.4.62\n',
    'FROM opensuse/leap:15.6\nRUN zypper --non-interactive install curl=8.0\n',
    'FROM fedora:41\nRUN microdnf install httpd\n',
  ],
  fixes: [
    [
      'FROM fedora:41\nRUN yum install httpd-2.4.62 && yum clean all\n',
      'FROM fedora:41\nRUN yum install -y httpd-2.4.62 && yum clean all\n',
    ],
  ],
});
