import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';

/** A fixed `container_name` cannot be given to more than one replica. */
export const rule = defineRule({
  id: 'compose/container-name-replicas',
  title: '`container_name` with several replicas',
  severity: 'error',
  appliesTo: ['compose'],
  aliases: [],
  docs: `Reports a service that sets \`container_name\` and \`deploy.replicas\` greater than 1. Container names are
unique on a Docker host, so Compose refuses to scale the service ("cannot have multiple containers with the same
name"); \`docker compose up --scale\` fails the same way.`,
  remediation: 'Remove `container_name` (Compose names replicas `<project>-<service>-<n>`) or set `replicas: 1`.',
  check(ctx) {
    const out: Finding[] = [];
    for (const s of ctx.doc.model.services) {
      if (s.containerName && s.replicas && s.replicas.value > 1)
        out.push({
          message: `Service "${s.name}" has a fixed container_name and ${s.replicas.value} replicas; only one container can have that name.`,
          range: s.containerName.range,
        });
    }
    return out;
  },
});
