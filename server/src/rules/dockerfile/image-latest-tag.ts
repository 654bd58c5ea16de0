import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { modelOf } from '../../dockerfile/util';

/** `:latest` is a moving target. */
export const rule = defineRule({
  id: 'dockerfile/image-latest-tag',
  title: 'Base image uses the latest tag',
  severity: 'warning',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3007'],
  docs: `\`FROM node:latest\` builds on whatever \`latest\` points to today; rebuilding the same Dockerfile next month
gives a different image, and rollbacks cannot restore the old base. An image pinned by digest
(\`node:latest@sha256:…\`) is not flagged.`,
  remediation: 'Pin a version tag (`FROM node:22.12-bookworm`) or a digest.',
  check(ctx) {
    const out: Finding[] = [];
    for (const st of modelOf(ctx).stages) {
      const img = st.image;
      if (!img || img.isStage || img.unresolved || img.ref.digest) continue;
      if (img.ref.tag === 'latest') out.push({ message: `Image "${img.text}" uses the mutable "latest" tag.`, range: img.range });
    }
    return out;
  },
});
