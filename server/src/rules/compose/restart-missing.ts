import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { findPair } from '../../parse/yaml';

/** A long-running service without a restart policy stays down after a crash or a reboot. */
export const rule = defineRule({
  id: 'compose/restart-missing',
  title: 'Long-running Compose service without `restart`',
  severity: 'info',
  appliesTo: ['compose'],
  aliases: [],
  docs: `Reports a service that publishes or exposes ports, or has a healthcheck (a server, not a one-shot task), and
sets neither \`restart:\` nor \`deploy.restart_policy\`. Compose's default is \`restart: "no"\`: after a crash, or
after the Docker daemon restarts, the service stays down while the others keep calling it. Services other
services wait for with \`condition: service_completed_successfully\` are one-shot jobs and are not reported, nor are
services with neither \`image\` nor \`build\` (the partial services of an override file, completed by the base file).`,
  remediation: 'Add `restart: unless-stopped` (or `on-failure`) to the service.',
  check(ctx) {
    const out: Finding[] = [];
    const oneShot = new Set<string>();
    for (const s of ctx.doc.model.services)
      for (const d of s.dependsOn) if (d.condition?.value === 'service_completed_successfully') oneShot.add(d.name);
    for (const s of ctx.doc.model.services) {
      // A service with neither image nor build is a partial one of an override file: the base file decides.
      if (s.restart || oneShot.has(s.name) || !s.node || (!s.image && !s.build)) continue;
      if (findPair(findPair(s.node, 'deploy')?.value, 'restart_policy')) continue;
      const server =
        s.ports.length > 0 || findPair(s.node, 'expose') !== undefined || (s.healthcheck !== undefined && !s.healthcheck.disabled);
      if (!server) continue;
      out.push({
        message: `Service "${s.name}" has no restart policy: it stays down after a crash or a daemon restart.`,
        range: s.keyRange,
      });
    }
    return out;
  },
});
