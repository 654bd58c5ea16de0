import { isMap, isScalar, visit } from 'yaml';
import { defineRule } from '../../engine/rule';
import { rule as plaintextSecretEnv } from '../k8s/plaintext-secret-env';
import type { Finding } from '../../engine/types';
import { literalSecretValue, secretKey } from '../../helm/security';
import { nodeRange } from '../../parse/yaml';

/** A credential written as a literal in a values file: the values-file side of `k8s/plaintext-secret-env`. */
export const rule = defineRule({
  id: 'helm/values-plaintext-secret',
  title: 'Plaintext secret in a values file',
  severity: 'warning',
  appliesTo: ['helm-values'],
  // Same finding as the manifest rule, so the same peer suppressions apply.
  aliases: plaintextSecretEnv.aliases,
  docs: `The values-file side of \`k8s/plaintext-secret-env\`, answering to the same tool ids: a key named like a
credential (\`password\`, \`adminPassword\`, \`apiKey\`, \`token\`, \`clientSecret\`) with a literal value. Values files
are committed, copied between environments and stored by Helm in the release secret in plain text, so the
credential leaks. Values that hold a credential are flagged, not the names of one: keys that name a secret
rather than hold one (\`existingSecret\`, \`passwordKey\`, \`tokenFile\`, and \`<credential>Secret\` such as
\`privateKeySecret\` or \`passwordSecret\`, the Secret object that holds it), file names and paths
(\`secretKey: thanos.yaml\`), the name of a Secret object under a \`…secret\` key (\`secret: my-secret\`), empty
values, placeholders (\`xxxx\`, \`changeme\`, \`<password>\`), a PEM block with no key material between its
\`BEGIN\`/\`END\` lines, and template expressions are not flagged.`,
  remediation:
    'Leave the value empty and reference an existing Secret (`existingSecret`), or inject it at deploy time from a secret store.',
  check(ctx) {
    const doc = ctx.doc.docs[0];
    if (!doc || !isMap(doc.contents)) return [];
    const out: Finding[] = [];
    visit(doc, {
      Pair(_, pair) {
        if (!isScalar(pair.key) || !isScalar(pair.value)) return;
        const key = String(pair.key.value);
        const value = pair.value.value;
        if (typeof value !== 'string' || !secretKey(key) || !literalSecretValue(value, key)) return;
        const range = nodeRange(ctx.doc.lines, pair.value);
        if (range) out.push({ message: `${key} holds a literal credential in a committed values file.`, range });
      },
    });
    return out;
  },
});
