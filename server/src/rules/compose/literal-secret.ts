import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { embeddedPassword, literalSecret, secretName } from '../../k8s/secrets';

/** A credential written into a service's `environment:`. */
export const rule = defineRule({
  id: 'compose/literal-secret',
  title: 'Secret written in a Compose environment',
  severity: 'warning',
  appliesTo: ['compose'],
  aliases: [],
  docs: `Reports an \`environment:\` variable whose name says it holds a credential (\`POSTGRES_PASSWORD\`,
\`API_TOKEN\`, \`SECRET_KEY\`) and whose value is written in the file, in the list (\`- KEY=value\`) or the
map form, and a value that embeds a password (\`postgres://app:pw@db/app\`, \`Password=…;\`). The file is committed, so the credential is in the repository's history and in every clone.
Values taken from the shell or a \`.env\` file (\`\${DB_PASSWORD}\`, \`- DB_PASSWORD\`), empty values and
variables naming a file (\`POSTGRES_PASSWORD_FILE\`) are not reported. The message never shows the value.`,
  remediation: 'Use Compose `secrets:` (mounted as a file, e.g. with `POSTGRES_PASSWORD_FILE`) or an `env_file` kept out of git.',
  check(ctx) {
    const out: Finding[] = [];
    for (const s of ctx.doc.model.services) {
      for (const e of s.environment) {
        if (e.value === undefined) continue;
        const named = secretName(e.name) && literalSecret(e.value);
        if (!named && !embeddedPassword(e.value)) continue;
        out.push({
          message: named
            ? `"${e.name}" of service "${s.name}" is a credential written in the file; use \`secrets:\` or an \`env_file\` kept out of git.`
            : `"${e.name}" of service "${s.name}" embeds a password (\`user:password@\` or \`password=\`); use \`secrets:\` or an \`env_file\` kept out of git.`,
          range: e.nameRange,
        });
      }
    }
    return out;
  },
});
