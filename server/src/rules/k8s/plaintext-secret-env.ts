import { isMap, isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { indentStyle, replacePairValue } from '../../k8s/edit';
import { containerSites, seqAt } from '../../k8s/pod';
import { embeddedPassword, literalSecret, secretName } from '../../k8s/secrets';
import { findPair, getIn, nodeRange, scalarString } from '../../parse/yaml';

/** Where a flagged env var is: the container path and the env index. */
interface EnvData {
  doc: number;
  path: (string | number)[];
  secret: string;
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
with a \`secretKeyRef\` skeleton to point at a Secret.`,
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
    if (!isMap(item)) return undefined;
    const pair = findPair(item, 'value');
    const name = scalarString(getIn(item, ['name']));
    const keyRange = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
    if (!pair || !name || !keyRange) return undefined;
    const col = ctx.doc.lines.positionAt(keyRange[0]).character;
    const key = name.toLowerCase().replace(/_/g, '-');
    const edit = replacePairValue(ctx.doc.lines, pair, { secretKeyRef: { name: d.secret, key } }, col, indentStyle(ctx.doc.text));
    return {
      title: `Read ${name} from Secret ${d.secret} (secretKeyRef)`,
      edits: [{ range: { start: ctx.doc.lines.positionAt(keyRange[0]), end: edit.range.end }, newText: `valueFrom${edit.newText}` }],
    };
  },
});
