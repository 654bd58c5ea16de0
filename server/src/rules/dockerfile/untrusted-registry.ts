import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { modelOf } from '../../dockerfile/util';

/** The well-known public registries, trusted when the project has not said otherwise. */
const DEFAULT_TRUSTED = [
  'docker.io',
  'ghcr.io',
  'gcr.io',
  '*.gcr.io',
  '*.pkg.dev',
  'quay.io',
  'registry.k8s.io',
  'mcr.microsoft.com',
  'public.ecr.aws',
  'registry.access.redhat.com',
  'registry.redhat.io',
  'cgr.dev',
  'docker.elastic.co',
  'registry.gitlab.com',
  'localhost',
];

/** Only images from the registries the project trusts. */
export const rule = defineRule({
  id: 'dockerfile/untrusted-registry',
  title: 'Base image from an untrusted registry',
  severity: 'error',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3026'],
  options: {
    trustedRegistries: {
      type: 'string[]',
      default: DEFAULT_TRUSTED,
      description:
        'Registries base images may come from (`docker.io` covers images without a registry; `*.example.com` matches subdomains). The default lists the well-known public registries; set your own list to enforce it strictly.',
    },
  },
  docs: `Every \`FROM\` image must come from a registry in \`trustedRegistries\`. Images without a registry part come
from Docker Hub (\`docker.io\`). Stage references, \`scratch\` and images named through an \`ARG\` without a default
are not checked. With the default list (the well-known public registries) an unknown registry is only
reported as info, since it may well be your own; once you set the list, findings have the rule's severity.`,
  remediation: 'Use an image from a trusted registry, or add the registry to `trustedRegistries`.',
  check(ctx) {
    const trusted = ctx.settings.option<string[]>('trustedRegistries') ?? DEFAULT_TRUSTED;
    const byDefault = trusted === DEFAULT_TRUSTED || JSON.stringify(trusted) === JSON.stringify(DEFAULT_TRUSTED);
    const out: Finding[] = [];
    const ok = (reg: string) =>
      trusted.some(
        (t) => t === reg || (t.startsWith('*.') && reg.endsWith(t.slice(1))) || (t === 'docker.io' && reg === 'index.docker.io'),
      );
    for (const st of modelOf(ctx).stages) {
      const img = st.image;
      if (!img || img.isStage || img.isScratch || img.unresolved) continue;
      const reg = img.ref.registry ?? 'docker.io';
      if (ok(reg)) continue;
      const f: Finding = { message: `Registry "${reg}" is not in trustedRegistries.`, range: img.range };
      out.push(byDefault ? { ...f, severity: 'info' } : f);
    }
    return out;
  },
});
