import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';

/** `depends_on` a service with a healthcheck, without waiting for it to be healthy. */
export const rule = defineRule({
  id: 'compose/depends-on-healthy',
  title: 'Dependency started, not healthy',
  severity: 'warning',
  appliesTo: ['compose'],
  aliases: [],
  docs: `Reports a \`depends_on\` entry naming a service that has a \`healthcheck\`, written in the short form
(\`depends_on: [db]\`) or with a \`condition\` other than \`service_healthy\`. Compose then starts the dependent
service as soon as the dependency's container has started, not when it answers: the application's first
connection fails while the database is still initialising. The healthcheck is there; the dependency should wait
for it. Dependencies without a healthcheck (or with \`disable: true\`) and
\`condition: service_completed_successfully\` (a one-shot job) are not reported.`,
  remediation: 'Use the long form: `depends_on: { db: { condition: service_healthy } }`.',
  check(ctx) {
    const out: Finding[] = [];
    const services = new Map(ctx.doc.model.services.map((s) => [s.name, s]));
    for (const s of ctx.doc.model.services) {
      for (const d of s.dependsOn) {
        const dep = services.get(d.name);
        if (!dep?.healthcheck || dep.healthcheck.disabled) continue;
        const condition = d.condition?.value ?? 'service_started';
        if (condition === 'service_healthy' || condition === 'service_completed_successfully') continue;
        out.push({
          message: `Service "${s.name}" starts once "${d.name}" has started, not once it is healthy, although "${d.name}" has a healthcheck.`,
          range: d.condition?.range ?? d.range,
        });
      }
    }
    return out;
  },
});
