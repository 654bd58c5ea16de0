import { ruleCases } from './_cases';

ruleCases('dockerfile/rpm-pin-versions', {
  flags: [
    ['FROM fedora:41\nRUN dnf install -y httpd-2.4.62 mod_ssl && dnf clean all\n', ['mod_ssl']],
    ['FROM centos:7\nRUN yum install -y httpd && yum clean all\n', ['httpd']],
    ['FROM opensuse/leap:15.6\nRUN zypper install -y curl git=2.43.0 && zypper clean\n', ['curl']],
    ['FROM opensuse/leap:15.6\nRUN zypper --non-interactive in curl && zypper clean\n', ['curl']],
    ['FROM registry.access.redhat.com/ubi9/ubi-minimal:9.5\nRUN microdnf install -y tar && microdnf clean all\n', ['tar']],
  ],
  clean: [
    'FROM fedora:41\nRUN dnf install -y httpd-2.4.62 @development-tools ./x.rpm && dnf clean all\n',
    // zypper pins with =, or a range.
    'FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0 "git>=2.43" && zypper clean\n',
    'FROM fedora:41\nRUN dnf install -y https://example.com/pkg-1.0.rpm /tmp/x.rpm && dnf clean all\n',
  ],
});
