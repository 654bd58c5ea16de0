import * as path from 'node:path';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { builtDockerfile } from '../../compose/paths';

/** A built service with no healthcheck in the Compose file nor in its Dockerfile. */
export const rule = defineRule({
  id: 'compose/healthcheck-missing',
  title: 'Built Compose service without any healthcheck',
  severity: 'info',
  appliesTo: ['compose'],
  aliases: [],
  docs: `Reports a service that Compose builds (\`build:\`), that publishes or exposes ports, and that has no
\`healthcheck:\` while the Dockerfile it builds has no \`HEALTHCHECK\` either. Compose then only knows that the
process runs, not that it answers: \`depends_on\` cannot wait for it to be healthy and \`docker compose ps\` shows
it up while it fails every request. The Dockerfile is looked up in the workspace (\`build.context\` joined with
\`build.dockerfile\`, default \`Dockerfile\`); when it is not there, or the service uses an image it does not
build, nothing is reported.`,
  remediation: 'Add a `healthcheck:` to the service, or a `HEALTHCHECK` to its Dockerfile.',
  check(ctx) {
    const out: Finding[] = [];
    if (!ctx.path) return out;
    const dockerfiles = new Map(ctx.workspace.filesOfKind('dockerfile').map((f) => [f.path, f]));
    for (const s of ctx.doc.model.services) {
      if (s.healthcheck || !s.build || !s.node) continue;
      if (s.ports.length === 0 && !s.node.has('expose')) continue;
      const file = builtDockerfile(ctx.path, s.build);
      const entry = file ? dockerfiles.get(file) : undefined;
      if (!entry || entry.healthcheck) continue;
      out.push({
        message: `Service "${s.name}" has no healthcheck, and the Dockerfile it builds (${path.relative(path.dirname(ctx.path), file!).split(path.sep).join('/')}) has no HEALTHCHECK.`,
        range: s.keyRange,
      });
    }
    return out;
  },
});
