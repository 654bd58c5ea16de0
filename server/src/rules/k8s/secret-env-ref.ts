import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { containerSites, seqAt } from '../../k8s/pod';
import { findPair, getIn, nodeRange, scalarString } from '../../parse/yaml';

/** Secrets handed to a container through environment variables. */
export const rule = defineRule({
  id: 'k8s/secret-env-ref',
  title: 'Secret read from an environment variable',
  severity: 'info',
  appliesTo: ['manifest'],
  defaultEnabled: false,
  aliases: ['kube-linter:read-secret-from-env-var'],
  docs: `A secret in an environment variable leaks more easily than one in a file: it is inherited by every child
process, printed by crash reports and debug endpoints that dump the environment, and cannot change without a
restart (CIS Benchmark 5.4.1 prefers files). Reported on each \`env\` entry whose \`valueFrom\` is a \`secretKeyRef\`.
Opt-in, as many applications only read configuration from the environment.`,
  remediation: 'Mount the Secret as a volume and have the application read the file.',
  check(ctx) {
    const out: Finding[] = [];
    for (const site of containerSites(ctx.doc)) {
      for (const e of seqAt(site.node, ['env'])) {
        const ref = findPair(getIn(e, ['valueFrom']), 'secretKeyRef');
        const range = nodeRange(ctx.doc.lines, ref?.key);
        if (range)
          out.push({
            message: `Container "${site.name ?? site.index}" reads a Secret into environment variable ${scalarString(getIn(e, ['name'])) ?? ''}.`,
            range,
          });
      }
    }
    return out;
  },
});
