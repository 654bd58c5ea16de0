import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { parseImage } from '../../k8s/image';
import { containersOf } from '../../k8s/workloads';
import { findPair, nodeRange, scalarString } from '../../parse/yaml';

/** Containers must name an image by a fixed tag or digest, never `latest` or nothing. */
export const rule = defineRule({
  id: 'k8s/image-latest-tag',
  title: 'Container image uses latest or no tag',
  severity: 'warning',
  appliesTo: ['manifest'],
  aliases: ['kube-linter:latest-tag', 'polaris:tagNotSpecified', 'kube-score:container-image-tag', 'checkov:CKV_K8S_14'],
  docs: `A container image without a tag means \`:latest\`. The image a pod runs then depends on when its node
last pulled, rollbacks cannot restore the previous version, and two replicas can run different code.`,
  remediation: 'Pin the image to a version tag (for example `nginx:1.27.3`) or, better, a digest.',
  check(ctx) {
    const out: Finding[] = [];
    for (const obj of ctx.doc.objects) {
      for (const c of containersOf(obj)) {
        const pair = findPair(c.node, 'image');
        const image = scalarString(pair?.value);
        if (!pair || image === undefined || image.includes('{{')) continue;
        const ref = parseImage(image);
        if (ref.digest) continue;
        const range = nodeRange(ctx.doc.lines, pair.value);
        if (!range) continue;
        if (ref.tag === undefined)
          out.push({ message: `Image "${image}" has no tag, so it runs whatever "latest" is at pull time.`, range });
        else if (ref.tag === 'latest') out.push({ message: `Image "${image}" uses the mutable "latest" tag.`, range });
      }
    }
    return out;
  },
});
