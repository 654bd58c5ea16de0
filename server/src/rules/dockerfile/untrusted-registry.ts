import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { modelOf } from '../../dockerfile/util';

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
      default: [],
      description:
        'Registries base images may come from (`docker.io` covers images without a registry; `*.example.com` matches subdomains). Empty: the rule is inactive.',
    },
  },
  docs: `When \`trustedRegistries\` lists registries, every \`FROM\` image must come from one of them. Images without a
registry part come from Docker Hub (\`docker.io\`). Stage references and \`scratch\` are not checked; the rule does
nothing until the option is set.`,
  remediation: 'Use an image from a trusted registry, or add the registry to `trustedRegistries`.',
  check(ctx) {
    const trusted = ctx.settings.option<string[]>('trustedRegistries') ?? [];
    if (!trusted.length) return [];
    const out: Finding[] = [];
    const ok = (reg: string) =>
      trusted.some(
        (t) => t === reg || (t.startsWith('*.') && reg.endsWith(t.slice(1))) || (t === 'docker.io' && reg === 'index.docker.io'),
      );
    for (const st of modelOf(ctx).stages) {
      const img = st.image;
      if (!img || img.isStage || img.isScratch || img.unresolved) continue;
      const reg = img.ref.registry ?? 'docker.io';
      if (!ok(reg)) out.push({ message: `Registry "${reg}" is not in trustedRegistries.`, range: img.range });
    }
    return out;
  },
});
