import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { parseImage } from '../../k8s/image';
import { containerAnchor, containerSites } from '../../k8s/pod';
import { findPair, nodeRange, scalarString } from '../../parse/yaml';

/** `imagePullPolicy` that contradicts the image reference. */
export const rule = defineRule({
  id: 'k8s/image-pull-policy',
  title: 'imagePullPolicy inconsistent with the image tag',
  severity: 'warning',
  appliesTo: ['manifest'],
  aliases: ['polaris:pullPolicyNotAlways', 'kube-score:container-image-pull-policy', 'checkov:CKV_K8S_15'],
  docs: `With a mutable reference (\`:latest\` or no tag) and \`imagePullPolicy: IfNotPresent\` or \`Never\`, each node
runs whichever version it pulled first, so replicas differ and updates never arrive. With a digest, \`Always\`
only adds a registry round-trip (reported as a hint). Polaris' \`pullPolicyNotAlways\` and kube-score's
\`container-image-pull-policy\` ask for \`Always\` on every container instead; \`requireAlways: true\` does that,
reporting the policy (or, when unset, the image).`,
  options: {
    requireAlways: {
      type: 'boolean',
      default: false,
      description: 'Report every container whose `imagePullPolicy` is not `Always`, set or not (as Polaris and kube-score do).',
    },
  },
  remediation: 'Pin the image to a tag or digest, or use `imagePullPolicy: Always` for mutable tags.',
  check(ctx) {
    const out: Finding[] = [];
    const requireAlways = ctx.settings.option<boolean>('requireAlways');
    for (const site of containerSites(ctx.doc)) {
      const image = scalarString(findPair(site.node, 'image')?.value);
      const policyPair = findPair(site.node, 'imagePullPolicy');
      const policy = scalarString(policyPair?.value);
      if (requireAlways && policy !== 'Always') {
        const range =
          nodeRange(ctx.doc.lines, policyPair?.value ?? findPair(site.node, 'image')?.value) ?? containerAnchor(ctx.doc.lines, site.node);
        out.push({ message: `Container "${site.name ?? site.index}" does not set imagePullPolicy: Always.`, range });
        continue;
      }
      if (!image || !policy || image.includes('{{') || image.includes('${')) continue;
      const ref = parseImage(image);
      const range = nodeRange(ctx.doc.lines, policyPair?.value);
      if (!range) continue;
      const mutable = !ref.digest && (ref.tag === undefined || ref.tag === 'latest');
      if (mutable && (policy === 'IfNotPresent' || policy === 'Never'))
        out.push({ message: `imagePullPolicy ${policy} with the mutable image "${image}" runs whatever each node pulled first.`, range });
      else if (ref.digest && policy === 'Always')
        out.push({
          message: 'The image is pinned by digest; imagePullPolicy Always only adds a registry round-trip.',
          range,
          severity: 'hint',
        });
    }
    return out;
  },
});
