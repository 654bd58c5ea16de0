import { isMap, isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { indentStyle, replacePairValue } from '../../k8s/edit';
import { containerSites, objectsOfKind, sameNamespace, seqAt } from '../../k8s/pod';
import { embeddedPassword, literalSecret, secretName } from '../../k8s/secrets';
import { findPair, getIn, nodeRange, scalarString } from '../../parse/yaml';

/** Where a flagged env var is: the container path and the env index. */
interface EnvData {
  doc: number;
  path: (string | number)[];
  secret: string;
}

/** A Secret of the workspace in the namespace that holds one of `keys` (the one named `preferred` first). */
function existingSecret(
  ctx: Parameters<typeof objectsOfKind>[0],
  namespace: string | undefined,
  preferred: string,
  keys: readonly string[],
): { name: string; key: string } | undefined {
  const secrets = objectsOfKind(ctx, 'Secret')
    .filter((s) => s.name && sameNamespace(s.namespace, namespace))
    .sort((a, b) => Number(b.name === preferred) - Number(a.name === preferred));
  for (const s of secrets) {
    const held = [s.value?.['data'], s.value?.['stringData']].flatMap((m) => (m && typeof m === 'object' ? Object.keys(m) : []));
    const key = keys.find((k) => held.includes(k));
    if (key) return { name: s.name!, key };
  }
  return undefined;
}

/** Credentials written as literal env values. */
export const rule = defineRule({
  id: 'k8s/plaintext-secret-env',
  title: 'Plaintext secret in an env value',
  severity: 'warning',
  fixApplicability: 'unsafe',
  appliesTo: ['manifest'],
  aliases: ['kube-linter:env-var-secret', 'polaris:sensitiveContainerEnvVar'],
  docs: `An environment variable named like a credential (\`*_PASSWORD\`, \`*_TOKEN\`, \`API_KEY\`, \`*_SECRET\`) with a
literal \`value\`, or any value embedding \`password=…\` or \`user:pass@\`, puts the secret into Git, into the
object every reader of the namespace can see, and into \`kubectl describe\`. The quick fix replaces the value
with a \`secretKeyRef\` to a Secret in the workspace (same namespace) that holds the variable's key (its name, or
its name in lower case with dashes); it prefers the Secret named \`<object>-secrets\`. Without such a Secret there
is no fix: a reference to a Secret that does not exist keeps the pod from starting.`,
  remediation: 'Store the value in a Secret and reference it with `valueFrom.secretKeyRef`.',
  check(ctx) {
    const out: Finding[] = [];
    for (const site of containerSites(ctx.doc)) {
      seqAt(site.node, ['env']).forEach((item, i) => {
        const name = scalarString(getIn(item, ['name']));
        const valueNode = getIn(item, ['value']);
        const value = isScalar(valueNode) && typeof valueNode.value === 'string' ? valueNode.value : undefined;
        if (name === undefined || value === undefined) return;
        const byName = secretName(name) && literalSecret(value);
        if (!byName && !embeddedPassword(value)) return;
        const range = nodeRange(ctx.doc.lines, valueNode);
        const secret = `${site.obj.name && !site.obj.name.includes('{{') ? site.obj.name : 'app'}-secrets`;
        const data: EnvData = { doc: site.obj.docIndex, path: [...site.path, 'env', i], secret };
        if (range)
          out.push({
            message: byName
              ? `${name} has a literal secret value; use a secretKeyRef.`
              : `The value of ${name} embeds a password; use a secretKeyRef.`,
            range,
            data,
          });
      });
    }
    return out;
  },
  fix(ctx, finding) {
    const d = finding.data as Partial<EnvData> | undefined;
    if (!d || typeof d.doc !== 'number' || !Array.isArray(d.path) || typeof d.secret !== 'string') return undefined;
    const obj = ctx.doc.objects.find((o) => o.docIndex === d.doc);
    const item = obj && getIn(obj.root, d.path);
    if (!obj || !isMap(item)) return undefined;
    const pair = findPair(item, 'value');
    const name = scalarString(getIn(item, ['name']));
    const keyRange = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
    if (!pair || !name || !keyRange) return undefined;
    const col = ctx.doc.lines.positionAt(keyRange[0]).character;
    const target = existingSecret(ctx, obj.namespace, d.secret, [name, name.toLowerCase().replace(/_/g, '-')]);
    if (!target) return undefined;
    const edit = replacePairValue(
      ctx.doc.lines,
      pair,
      { secretKeyRef: { name: target.name, key: target.key } },
      col,
      indentStyle(ctx.doc.text),
      item.flow === true,
    );
    return {
      title: `Read ${name} from Secret ${target.name} (secretKeyRef)`,
      edits: [{ range: { start: ctx.doc.lines.positionAt(keyRange[0]), end: edit.range.end }, newText: `valueFrom${edit.newText}` }],
    };
  },
});
