import { isMap, isScalar, type YAMLMap } from 'yaml';
import { defineRule } from '../../engine/rule';
import { rule as imageLatestTag } from '../k8s/image-latest-tag';
import type { Finding } from '../../engine/types';
import { parseImage } from '../../k8s/image';
import { appVersion } from '../../helm/security';
import { valueOrKeyRange } from '../../helm/yamlnav';
import { findPair, nodeRange, scalarString } from '../../parse/yaml';

function walk(map: YAMLMap, visit: (m: YAMLMap, key: string | undefined) => void, key?: string, depth = 0): void {
  if (depth > 20) return;
  visit(map, key);
  for (const item of map.items) {
    if (isMap(item.value) && isScalar(item.key)) walk(item.value, visit, String(item.key.value), depth + 1);
  }
}

/** `image.tag: latest`, or an empty tag where the chart's fallback is latest, in a values file. */
export const rule = defineRule({
  id: 'helm/values-image-tag',
  title: 'Values set a latest or empty image tag',
  severity: 'warning',
  appliesTo: ['helm-values'],
  // Same finding as the manifest rule, so the same peer suppressions apply.
  aliases: imageLatestTag.aliases,
  docs: `The values-file side of \`k8s/image-latest-tag\` (and answering to the same kube-linter, Polaris, kube-score
and Checkov ids): an image block (\`repository\` + \`tag\`) whose \`tag\` is \`latest\`, or an \`image: name:latest\`
string, makes every release run whatever \`latest\` is at pull time. An empty \`tag\` is flagged only when the
chart has no \`appVersion\` (or it is \`latest\`), since charts conventionally fall back to
\`.Chart.AppVersion\`. A \`digest\` next to the tag pins the image and is never flagged.`,
  remediation: 'Set the tag to a fixed version (or a digest), or give the chart an `appVersion`.',
  check(ctx) {
    const root = ctx.doc.docs[0]?.contents;
    if (!isMap(root)) return [];
    const lines = ctx.doc.lines;
    const out: Finding[] = [];
    const fallback = ctx.chartRoot ? appVersion(ctx.chartRoot) : undefined;
    walk(root, (m, key) => {
      for (const item of m.items) {
        if (!isScalar(item.key) || String(item.key.value) !== 'image' || !isScalar(item.value)) continue;
        const image = scalarString(item.value);
        if (!image || image.includes('{{') || !/[:/]/.test(image)) continue;
        const ref = parseImage(image);
        const range = nodeRange(lines, item.value);
        if (range && !ref.digest && ref.tag === 'latest') out.push({ message: `Image "${image}" uses the mutable "latest" tag.`, range });
      }
      if (!findPair(m, 'repository') || !findPair(m, 'tag')) return;
      if (scalarString(findPair(m, 'digest')?.value)) return;
      const tagPair = findPair(m, 'tag')!;
      const tag = scalarString(tagPair.value) ?? '';
      const name = key ?? 'image';
      if (tag === 'latest') {
        const range = nodeRange(lines, tagPair.value);
        if (range) out.push({ message: `${name}.tag is "latest", a mutable tag.`, range });
      } else if (tag === '' && (fallback === undefined || fallback === 'latest')) {
        const range = valueOrKeyRange(lines, m, 'tag');
        if (range && (tagPair.value === null || isScalar(tagPair.value))) {
          out.push({
            message: `${name}.tag is empty and the chart has no appVersion to fall back on, so the image runs as latest.`,
            range,
          });
        }
      }
    });
    return out;
  },
});
