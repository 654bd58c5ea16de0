import { ruleCases } from './_cases';

ruleCases('dockerfile/rpm-cache-clean', {
  flags: [
    ['FROM fedora:41\nRUN dnf install -y httpd-2.4.62\n', ['dnf']],
    ['FROM centos:7\nRUN yum install -y httpd-2.4.6\n', ['yum']],
    ['FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0\n', ['zypper']],
    ['FROM registry.access.redhat.com/ubi9/ubi-minimal:9.5\nRUN microdnf install -y tar-1.34\n', ['microdnf']],
    ['FROM fedora:41\nRUN dnf --setopt=install_weak_deps=False install -y httpd-2.4.62\n', ['dnf']],
    // Cleaning in a later RUN is too late.
    ['FROM fedora:41\nRUN dnf install -y httpd-2.4.62\nRUN dnf clean all\n', [['dnf', 0]]],
    // A file with no FROM (a fragment) is one section, the last: checked like a final stage.
    [
      'RUN dnf install -y httpd-2.4.62\nRUN yum install -y x-1\nRUN zypper in -y y=1\nRUN microdnf install z-1\n',
      ['dnf', 'yum', 'zypper', 'microdnf'],
      { filename: 'Dockerfile' },
    ],
  ],
  clean: [
    'FROM fedora:41\nRUN dnf install -y httpd-2.4.62 && rm -rf /var/cache/dnf\n',
    'FROM fedora:42\nRUN dnf install -y httpd-2.4.62 && rm -rf /var/cache/libdnf5\n',
    'FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0 && zypper clean -a\n',
    'FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0 && zypper cc\n',
    'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.5\nRUN microdnf install -y tar-1.34 && microdnf clean all\n',
    'FROM fedora:41\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y httpd-2.4.62\n',
    // Only the final stage is checked.
    'FROM fedora:41 AS build\nRUN dnf install -y gcc-14\nFROM scratch\nCOPY --from=build /x /x\n',
    'FROM fedora:41\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n',
    'FROM fedora:41\nRUN yum install -y httpd-2.4.62 && rm -rf /var/cache/yum\n',
  ],
});
