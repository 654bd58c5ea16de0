import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { modelOf } from '../../dockerfile/util';

/** `FROM debian` means `debian:latest`, whatever that is on the day of the build. */
export const rule = defineRule({
  id: 'dockerfile/image-untagged',
  title: 'Base image without a tag',
  severity: 'warning',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3006'],
  docs: `An image with no tag and no digest resolves to \`:latest\`, so the base changes under you. \`ARG\` defaults are
resolved first: \`ARG BASE=debian:12\` then \`FROM \${BASE}\` is tagged. \`scratch\`, earlier stage names and images
that depend on an \`ARG\` without a default are not flagged.`,
  remediation: 'Add a version tag (`FROM debian:12.8`) or a digest.',
  check(ctx) {
    const out: Finding[] = [];
    for (const st of modelOf(ctx).stages) {
      const img = st.image;
      if (!img || img.isStage || img.isScratch || img.unresolved) continue;
      if (img.ref.tag === undefined && img.ref.digest === undefined)
        out.push({ message: `Image "${img.text}" has no tag, so it means "latest".`, range: img.range });
    }
    return out;
  },
});
