import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';

const SOCKETS = new Set(['/var/run/docker.sock', '/run/docker.sock', '//var/run/docker.sock', '\\\\.\\pipe\\docker_engine']);

/** The Docker socket mounted into a service: root on the host for whoever reaches the container. */
export const rule = defineRule({
  id: 'compose/docker-socket',
  title: 'Docker socket mounted into a Compose service',
  severity: 'warning',
  appliesTo: ['compose'],
  aliases: [],
  docs: `Reports a \`volumes:\` entry (short or long syntax) whose source is the Docker socket
(\`/var/run/docker.sock\`, \`/run/docker.sock\`, or the Windows named pipe). Whoever controls the container can start a
privileged container on the host through it, read-only mount or not. Tools that need it (reverse proxies
reading labels, CI runners) are better served by a socket proxy that allows only the calls they make.`,
  remediation: 'Remove the mount, or put a Docker socket proxy that allows only the needed API calls in front of it.',
  check(ctx) {
    const out: Finding[] = [];
    for (const s of ctx.doc.model.services) {
      for (const v of s.volumes) {
        if (v.source !== undefined && SOCKETS.has(v.source))
          out.push({
            message: `Service "${s.name}" mounts the Docker socket, which gives it control of the host's Docker.`,
            range: v.sourceRange ?? v.range,
          });
      }
    }
    return out;
  },
});
