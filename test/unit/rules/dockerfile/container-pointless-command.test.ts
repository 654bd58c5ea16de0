import { ruleCases } from './_cases';

ruleCases('dockerfile/container-pointless-command', {
  flags: [
    ['FROM debian:12.8\nRUN service nginx start\n', ['service']],
    ['FROM debian:12.8\nRUN ps aux && top -b -n1 && free -m\n', ['ps', 'top', 'free']],
    ['FROM debian:12.8\nRUN sudo mount -t tmpfs none /mnt ; ifconfig\n', ['mount', 'ifconfig']],
    ['FROM debian:12.8\nRUN ssh host true || kill 1 || shutdown -h now || vim -c q a\n', ['ssh', 'kill', 'shutdown', 'vim']],
  ],
  clean: [
    'FROM debian:12.8\nRUN apt-get install -y vim openssh-client procps\n',
    'FROM debian:12.8\nRUN --mount=type=cache,target=/var/cache/apt echo ps top\n',
    'FROM debian:12.8\nRUN ssh-keygen -A && ssh-keyscan github.com >> /etc/ssh/ssh_known_hosts\n',
    'FROM debian:12.8\nCMD ["service", "nginx", "start"]\n',
  ],
});
