import { defineRule } from '../../engine/rule';
import { copyArguments, jsonStrings } from '../../dockerfile/model';
import { findingsByInstruction } from '../../dockerfile/util';

const SENSITIVE: [RegExp, string][] = [
  [/(^|\/)\.env(\.[\w-]+)?$/, 'an environment file with secrets'],
  [/(^|\/)id_(rsa|dsa|ecdsa|ed25519)$/, 'an SSH private key'],
  [/\.(pem|key|p12|pfx)$/i, 'a key or certificate bundle'],
  [/(^|\/)\.git\/?$/, 'the git history'],
  [/(^|\/)\.(aws|ssh|docker)(\/|$)|(^|\/)\.npmrc$|(^|\/)\.pypirc$|(^|\/)\.netrc$/, 'credentials'],
];

/** Copying credentials into a layer publishes them with the image. */
export const rule = defineRule({
  id: 'dockerfile/copy-sensitive-file',
  title: 'COPY/ADD of a sensitive file',
  severity: 'error',
  appliesTo: ['dockerfile'],
  aliases: [],
  docs: `\`COPY .env\`, \`COPY id_rsa\`, \`COPY *.pem\` or \`COPY .git\` put secrets or the full history into a layer,
where anyone who can pull the image can read them, even if a later step deletes them. Use
\`RUN --mount=type=secret\` / \`--mount=type=ssh\` for credentials, and exclude the files in \`.dockerignore\`.
\`COPY --from\` another stage and example files (\`.env.example\`, \`.env.sample\`) are not flagged.`,
  remediation: 'Do not copy the file; use `RUN --mount=type=secret` and list it in `.dockerignore`.',
  check(ctx) {
    return findingsByInstruction(ctx, 'dockerfile/copy-sensitive-file', (di, out) => {
      if (di.keyword !== 'COPY' && di.keyword !== 'ADD') return;
      const flags = (di.ins as unknown as { getFlags(): { getName(): string }[] }).getFlags();
      if (flags.some((f) => f.getName() === 'from')) return;
      if (jsonStrings(di.ins)) return;
      const args = copyArguments(di.ins);
      for (const a of args.slice(0, -1)) {
        const v = a.getValue().replace(/^\.\//, '');
        if (/\.(example|sample|template|dist)$/i.test(v) || v.startsWith('<<')) continue;
        const hit = SENSITIVE.find(([re]) => re.test(v));
        if (hit) out.push({ message: `"${v}" looks like ${hit[1]}; copying it publishes it in the image.`, range: a.getRange() });
      }
    });
  },
});
