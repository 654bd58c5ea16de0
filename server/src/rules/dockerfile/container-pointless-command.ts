import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { allCommands, onName } from '../../dockerfile/util';

/** Interactive, service-management and host-administration programs, and why each is out of place. */
const POINTLESS: ReadonlyMap<string, string> = new Map([
  ['ssh', 'an interactive remote shell'],
  ['vim', 'an interactive editor'],
  ['shutdown', 'a host power command'],
  ['service', 'a service manager for long-running daemons'],
  ['ps', 'a process viewer'],
  ['free', 'a memory viewer'],
  ['top', 'an interactive process viewer'],
  ['kill', 'a signal sender for running processes'],
  ['mount', 'a host mount command'],
  ['ifconfig', 'a network interface tool'],
]);

/** Some programs do nothing useful while an image is being built. */
export const rule = defineRule({
  id: 'dockerfile/container-pointless-command',
  title: 'Command that makes no sense in a build',
  severity: 'info',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3001'],
  docs: `A \`RUN\` step executes once, without a terminal, in a throw-away container, and only its file-system
changes are kept. Running \`ssh\`, \`vim\` or \`top\`, starting daemons with \`service\`, or inspecting or changing
the host with \`ps\`, \`free\`, \`kill\`, \`mount\`, \`ifconfig\` or \`shutdown\` either hangs the build, fails, or
leaves nothing in the image. Only the command that is run is flagged: installing \`vim\` with a package
manager is not.`,
  remediation: 'Remove the command; start services from the container entrypoint instead.',
  check(ctx) {
    const out: Finding[] = [];
    for (const c of allCommands(ctx)) {
      const what = POINTLESS.get(c.name);
      if (what) out.push(onName(c, `"${c.name}" is ${what}; running it while building the image has no lasting effect.`));
    }
    return out;
  },
});
