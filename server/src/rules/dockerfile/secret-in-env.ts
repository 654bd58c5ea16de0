import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import type { DfInstruction } from '../../dockerfile/model';
import { declaredProperties, findingsBySection } from '../../dockerfile/util';

const SECRET_NAME = /(^|_)(PASSWORD|PASSWD|PWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?|AUTH)($|_)/i;
const HARMLESS_NAME = /(_FILE|_PATH|_DIR|_URL|_HOST|_PORT|_USER|_NAME|_ENV|_VERSION|_LENGTH|_HEADER|_ALGORITHM|_TYPE)$/i;
const SECRET_VALUE: [RegExp, string][] = [
  [/\bAKIA[0-9A-Z]{16}\b/, 'an AWS access key id'],
  [/\bgh[pousr]_[A-Za-z0-9]{36,}\b/, 'a GitHub token'],
  [/\bgithub_pat_[A-Za-z0-9_]{50,}\b/, 'a GitHub token'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
  [/\bxox[baprs]-[A-Za-z0-9-]{10,}\b/, 'a Slack token'],
  [/\bsk_live_[A-Za-z0-9]{20,}\b/, 'a Stripe key'],
  [/\bAIza[0-9A-Za-z_-]{35}\b/, 'a Google API key'],
];

/** Values a secret-named variable can hold without being a secret. */
function placeholder(v: string): boolean {
  return (
    v === '' ||
    v.includes('$') ||
    /^(changeme|change-me|password|secret|xxx+|\*+|none|null|false|true|<.*>|\.\.\.)$/i.test(v) ||
    v.startsWith('/')
  );
}

/** Image layers and build args are readable by anyone who can pull the image. */
export const rule = defineRule({
  id: 'dockerfile/secret-in-env',
  title: 'Secret in ENV or ARG',
  severity: 'error',
  appliesTo: ['dockerfile'],
  aliases: [],
  docs: `\`ENV\` values are stored in the image config and \`ARG\` values in the build history; anyone who can pull
the image (\`docker history\`, \`docker inspect\`) can read them. Flags ENV/ARG values whose *name* says secret
(\`PASSWORD\`, \`TOKEN\`, \`API_KEY\`, …) with a literal value, and any value that *looks* like a known credential
(AWS access key ids, GitHub and Slack tokens, private keys). \`ARG\` without a default, variable references,
file paths (\`*_FILE\`) and obvious placeholders are not flagged.`,
  remediation: 'Pass secrets at build time with `RUN --mount=type=secret` and at run time through the orchestrator, never in ENV or ARG.',
  check(ctx) {
    return findingsBySection(ctx, 'dockerfile/secret-in-env', (st) => {
      const out: Finding[] = [];
      for (const di of st.instructions) checkInstruction(di, out);
      return out;
    });
  },
});

/** The findings of one instruction, added to `out`. */
function checkInstruction(di: DfInstruction, out: Finding[]): void {
  for (const p of declaredProperties(di)) {
    const name = p.getName();
    const value = p.getValue();
    const range = p.getValueRange() ?? p.getRange();
    if (value === null) continue;
    const unq = value.replace(/^(["'])(.*)\1$/, '$2');
    const known = SECRET_VALUE.find(([re]) => re.test(unq));
    if (known) out.push({ message: `The value of ${name} looks like ${known[1]}.`, range });
    else if (SECRET_NAME.test(name) && !HARMLESS_NAME.test(name) && !placeholder(unq))
      out.push({ message: `${di.keyword} ${name} holds a secret in the image metadata.`, range });
  }
}
