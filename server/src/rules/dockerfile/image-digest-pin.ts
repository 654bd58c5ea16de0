import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { modelOf } from '../../dockerfile/util';

/** A tag can be re-pointed; a digest cannot. */
export const rule = defineRule({
  id: 'dockerfile/image-digest-pin',
  title: 'Base image not pinned by digest',
  severity: 'hint',
  appliesTo: ['dockerfile'],
  aliases: [],
  docs: `Tags are mutable: \`debian:12\` is re-pushed with every point release, and a compromised registry account
can re-point any tag. \`FROM debian:12@sha256:…\` pins the exact bytes (tools such as Renovate or Dependabot keep
digests up to date). Only the final stage's base is suggested, and only when its tag floats (\`node:22\`,
\`alpine:3\`, \`python:3.13-slim\`); a tag with a full patch version (\`1.27.3\`) is left alone, as are untagged and
\`latest\` images, which the tag rules report.`,
  remediation: 'Append the digest: `FROM image:tag@sha256:<digest>`.',
  check(ctx) {
    const m = modelOf(ctx);
    const st = m.stages[m.stages.length - 1];
    const img = st?.image;
    const out: Finding[] = [];
    if (!img || img.isStage || img.isScratch || img.unresolved || img.ref.digest || !img.ref.tag || img.ref.tag === 'latest') return out;
    // A tag naming a full patch version is as good as it gets without a digest; only floating tags are suggested.
    if (/\d+\.\d+\.\d+/.test(img.ref.tag) || /^[0-9a-f]{12,}$/.test(img.ref.tag)) return out;
    out.push({ message: `Pin "${img.text}" by digest for reproducible builds.`, range: img.range });
    return out;
  },
});
