import { isMap, isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { seqAt } from '../../k8s/pod';
import { embeddedPassword, literalSecret, secretName } from '../../k8s/secrets';
import { findPair, getIn, nodeRange, scalarString } from '../../parse/yaml';

/** Credentials in ConfigMaps and in CRD configuration such as Dapr Component metadata. */
export const rule = defineRule({
  id: 'k8s/plaintext-secret-config',
  title: 'Plaintext secret in configuration',
  severity: 'warning',
  appliesTo: ['manifest'],
  aliases: ['kube-linter:configmap-with-credentials', 'polaris:sensitiveConfigmapContent'],
  docs: `ConfigMaps are not meant for secrets: they are readable by anyone who may read configuration, shown in
full by \`kubectl describe\`, and not encrypted at rest. Reported: ConfigMap keys named like credentials with a
literal value, values embedding \`password=…\` or \`user:pass@\` URLs, and the same in Dapr \`Component\`
\`spec.metadata\` items (which should use \`secretKeyRef\`).`,
  remediation: 'Move the value into a Secret (for Dapr, reference it with `secretKeyRef` and a secret store).',
  check(ctx) {
    const out: Finding[] = [];
    for (const obj of ctx.doc.objects) {
      if (obj.kind === 'ConfigMap') {
        const data = getIn(obj.root, ['data']);
        if (!isMap(data)) continue;
        for (const pair of data.items) {
          const key = scalarString(pair.key);
          const v = isScalar(pair.value) && typeof pair.value.value === 'string' ? pair.value.value : undefined;
          if (key === undefined || v === undefined) continue;
          const byName = secretName(key) && literalSecret(v) && !v.includes('\n');
          if (!byName && !embeddedPassword(v)) continue;
          const range = nodeRange(ctx.doc.lines, byName ? pair.value : pair.key);
          if (range) out.push({ message: `ConfigMap key "${key}" holds a credential in plain text; move it to a Secret.`, range });
        }
      } else if (obj.kind === 'Component' && obj.apiVersion?.startsWith('dapr.io/')) {
        for (const item of seqAt(obj.root, ['spec', 'metadata'])) {
          if (findPair(item, 'secretKeyRef')) continue;
          const name = scalarString(getIn(item, ['name']));
          const vn = getIn(item, ['value']);
          const v = isScalar(vn) && typeof vn.value === 'string' ? vn.value : undefined;
          if (name === undefined || v === undefined) continue;
          if (!(secretName(name) && literalSecret(v)) && !embeddedPassword(v)) continue;
          const range = nodeRange(ctx.doc.lines, vn);
          if (range) out.push({ message: `Dapr metadata "${name}" holds a credential in plain text; use secretKeyRef.`, range });
        }
      }
    }
    return out;
  },
});
