import { defineRule } from '../../engine/rule';
import { findingsByInstruction } from '../../dockerfile/util';

/** EXPOSE takes ports 0–65535 with an optional /tcp or /udp. */
export const rule = defineRule({
  id: 'dockerfile/expose-invalid-port',
  title: 'Invalid EXPOSE port',
  severity: 'error',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3011', 'docker:ExposeInvalidFormat'],
  docs: `\`EXPOSE\` accepts a port (0–65535) or a range (\`8000-8010\`), optionally followed by \`/tcp\`, \`/udp\` or
\`/sctp\`. Anything else fails the build or is silently ignored: an address or a host port (\`EXPOSE 127.0.0.1:80\`,
\`EXPOSE 8080:80\`) is not something an image can publish (Docker's build check ignores it with a warning), and a
port above 65535 fails. Variables are not checked.`,
  remediation: 'Use a port between 0 and 65535, e.g. `EXPOSE 8080/tcp`.',
  check(ctx) {
    return findingsByInstruction(ctx, 'dockerfile/expose-invalid-port', (di, out) => {
      if (di.keyword !== 'EXPOSE') return;
      for (const a of di.ins.getArguments()) {
        const v = a.getValue();
        if (v.includes('$')) continue;
        const m = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(v);
        const ok = m && Number(m[1]) <= 65535 && (m[2] === undefined || (Number(m[2]) <= 65535 && Number(m[2]) >= Number(m[1])));
        if (!ok) out.push({ message: `"${v}" is not a valid port (0–65535, optionally /tcp or /udp).`, range: a.getRange() });
      }
    });
  },
});
