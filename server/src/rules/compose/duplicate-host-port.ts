import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';

/** Expands `8000-8002` to its ports; a single port to itself (at most 1024 ports per range). */
function portsOf(spec: string): number[] {
  const m = /^(\d+)(?:-(\d+))?$/.exec(spec.trim());
  if (!m) return [];
  const a = Number(m[1]);
  const b = m[2] ? Number(m[2]) : a;
  if (b < a || b - a > 1024) return [a];
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

/** Two services publishing the same host port: the second one fails to start. */
export const rule = defineRule({
  id: 'compose/duplicate-host-port',
  title: 'Host port published twice',
  severity: 'error',
  appliesTo: ['compose'],
  aliases: [],
  docs: `Reports a host port (or a port of a host range such as \`8000-8002\`) that two services, or one service
twice, publish for the same protocol and host address: \`docker compose up\` fails with "port is already
allocated" for the second. A port bound on \`127.0.0.1\` and the same port on every interface also clash.
Ports published without a host port (Docker picks a free one) are not reported.`,
  remediation: 'Publish one of the two on another host port.',
  check(ctx) {
    const out: Finding[] = [];
    const seen = new Map<string, string>();
    for (const s of ctx.doc.model.services) {
      for (const p of s.ports) {
        if (p.hostPort === undefined) continue;
        const proto = (p.protocol ?? 'tcp').toLowerCase();
        for (const port of portsOf(p.hostPort)) {
          const key = `${port}/${proto}`;
          const ip = p.hostIp ?? '';
          const prev = seen.get(`${key}@${ip}`) ?? (ip === '' || ip === '0.0.0.0' ? seen.get(`${key}@*`) : seen.get(`${key}@`));
          if (prev !== undefined) {
            out.push({ message: `Host port ${port}/${proto} is already published by service "${prev}".`, range: p.range });
            break;
          }
          seen.set(`${key}@${ip}`, s.name);
          seen.set(`${key}@*`, s.name);
        }
      }
    }
    return out;
  },
});
