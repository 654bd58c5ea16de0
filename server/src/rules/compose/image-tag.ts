import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';

/** A service image with no tag, or the moving `latest` tag. */
export const rule = defineRule({
  id: 'compose/image-tag',
  title: 'Compose image without a pinned tag',
  severity: 'warning',
  appliesTo: ['compose'],
  aliases: [],
  docs: `Reports a service \`image:\` with no tag (Compose pulls \`latest\`) or with the \`latest\` tag: each
\`docker compose pull\` can bring a different version, so two developers run different databases and a
fresh checkout breaks without a change to the file. An image pinned by digest, and a reference built from
\`\${VARIABLES}\`, are not reported. A service that also has \`build:\` names the image it builds, so its
tag is not reported either.`,
  remediation: 'Pin a version tag (`postgres:16.4`) or a digest.',
  check(ctx) {
    const out: Finding[] = [];
    for (const s of ctx.doc.model.services) {
      const img = s.image;
      if (!img || img.interpolated || img.digest || s.build || !img.repo) continue;
      if (img.tag === undefined)
        out.push({
          message: `Image "${img.ref}" of service "${s.name}" has no tag, so it runs whatever "latest" is at pull time.`,
          range: img.range,
        });
      else if (img.tag === 'latest')
        out.push({ message: `Image "${img.ref}" of service "${s.name}" uses the moving "latest" tag.`, range: img.range });
    }
    return out;
  },
});
