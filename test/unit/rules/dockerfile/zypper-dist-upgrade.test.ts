import { ruleCases } from './_cases';

ruleCases('dockerfile/zypper-dist-upgrade', {
  flags: [
    ['FROM opensuse/leap:15.6\nRUN zypper dist-upgrade\n', ['dist-upgrade']],
    ['FROM opensuse/leap:15.6\nRUN zypper -n dup && zypper clean\n', ['dup']],
    ['FROM opensuse/leap:15.6\nRUN zypper --root /mnt dup\n', ['dup']],
  ],
  clean: [
    'FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0\n',
    'FROM opensuse/leap:15.6\nRUN zypper update -y\n',
    'FROM opensuse/leap:15.6\nRUN echo zypper dup\n',
  ],
});
