import { isMap, isPair, isScalar, isSeq, parseDocument, Scalar, type Node } from 'yaml';
import { defineRule } from '../../engine/rule';
import { LineIndex } from '../../engine/text';
import type { Finding, Range } from '../../engine/types';
import { parseImage } from '../../k8s/image';
import { seqAt } from '../../k8s/pod';
import { containersOf } from '../../k8s/workloads';
import { findPair, getIn, nodeRange, scalarString } from '../../parse/yaml';

/** The problem with an image reference, if any. */
function problem(image: string): string | undefined {
  if (image.includes('{{') || image.includes('${') || image.trim() === '') return undefined;
  const ref = parseImage(image);
  if (ref.digest) return undefined;
  if (ref.tag === undefined) return `Image "${image}" has no tag, so it runs whatever "latest" is at pull time.`;
  if (ref.tag === 'latest') return `Image "${image}" uses the mutable "latest" tag.`;
  return undefined;
}

/**
 * Walks Helm values (plain YAML nodes) for image references: `image: repo:tag` strings, and
 * `tag: latest` / `imageTag: latest` next to image settings. A missing tag in a values map is left
 * alone: charts default it to their appVersion.
 */
function scanValues(node: unknown, report: (n: Node, message: string) => void, parentKey = ''): void {
  if (isMap(node)) {
    const hasImageKeys = findPair(node, 'repository') !== undefined || /image/i.test(parentKey);
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      const v = pair.value;
      if (isScalar(v) && typeof v.value === 'string') {
        if (key === 'image') {
          const p = problem(v.value);
          if (p) report(v, p);
        } else if ((key === 'tag' && hasImageKeys) || /^image[-_]?tag$/i.test(key)) {
          if (v.value === 'latest') report(v, `The image tag in these Helm values is the mutable "latest".`);
        }
      } else scanValues(v, report, key);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) scanValues(item, report, parentKey);
  }
}

/** Maps a range inside a literal block scalar's content to the outer document. */
function blockOffset(lines: LineIndex, block: Scalar, inner: LineIndex, r: [number, number]): Range | undefined {
  const start = (block as { range?: [number, number, number] }).range?.[0];
  if (start === undefined) return undefined;
  const header = lines.positionAt(start).line;
  let indent = 0;
  for (let l = header + 1; l < lines.lineCount; l++) {
    const t = lines.lineText(l);
    if (t.trim() !== '') {
      indent = t.length - t.trimStart().length;
      break;
    }
  }
  const a = inner.positionAt(r[0]);
  const b = inner.positionAt(r[1]);
  return {
    start: { line: header + 1 + a.line, character: a.character + indent },
    end: { line: header + 1 + b.line, character: b.character + indent },
  };
}

/** Containers must name an image by a fixed tag or digest, never `latest` or nothing. */
export const rule = defineRule({
  id: 'k8s/image-latest-tag',
  title: 'Container image uses latest or no tag',
  severity: 'warning',
  appliesTo: ['manifest'],
  aliases: ['kube-linter:latest-tag', 'polaris:tagNotSpecified', 'kube-score:container-image-tag', 'checkov:CKV_K8S_14'],
  docs: `A container image without a tag means \`:latest\`. The image a pod runs then depends on when its node
last pulled, rollbacks cannot restore the previous version, and two replicas can run different code. Also
checked inside the Helm values of Flux \`HelmRelease\` (\`spec.values\`) and Argo CD \`Application\`
(\`helm.valuesObject\`, literal \`helm.values\`, \`helm.parameters\`): \`image:\` strings and \`tag: latest\`.`,
  remediation: 'Pin the image to a version tag (for example `nginx:1.27.3`) or, better, a digest.',
  check(ctx) {
    const out: Finding[] = [];
    const lines = ctx.doc.lines;
    const at = (n: Node, message: string) => {
      const range = nodeRange(lines, n);
      if (range) out.push({ message, range });
    };
    for (const obj of ctx.doc.objects) {
      for (const c of containersOf(obj)) {
        const v = findPair(c.node, 'image')?.value;
        const image = scalarString(v);
        const p = image === undefined ? undefined : problem(image);
        if (p && v) at(v, p);
      }
      if (obj.kind === 'HelmRelease' && obj.apiVersion?.startsWith('helm.toolkit.fluxcd.io/')) {
        scanValues(getIn(obj.root, ['spec', 'values']), at);
      }
      if ((obj.kind === 'Application' || obj.kind === 'ApplicationSet') && obj.apiVersion?.startsWith('argoproj.io/')) {
        const spec = obj.kind === 'ApplicationSet' ? getIn(obj.root, ['spec', 'template', 'spec']) : getIn(obj.root, ['spec']);
        const sources = [getIn(spec, ['source']), ...seqAt(spec, ['sources'])].filter((s) => s !== undefined);
        for (const src of sources) {
          scanValues(getIn(src, ['helm', 'valuesObject']), at);
          for (const p of seqAt(src, ['helm', 'parameters'])) {
            const name = scalarString(getIn(p, ['name'])) ?? '';
            const v = getIn(p, ['value']);
            if (/(?:^|\.)(?:image\.)?tag$|imagetag$/i.test(name) && /image|^tag$/i.test(name) && scalarString(v) === 'latest' && v)
              at(v, `Helm parameter ${name} sets the mutable "latest" tag.`);
          }
          const values = getIn(src, ['helm', 'values']);
          if (values instanceof Scalar && values.type === Scalar.BLOCK_LITERAL && typeof values.value === 'string') {
            const text = values.value;
            const inner = parseDocument(text, { strict: false });
            if (inner.errors.length) continue;
            const innerLines = new LineIndex(text);
            scanValues(inner.contents, (n, message) => {
              const r = (n as { range?: [number, number, number] }).range;
              const range = r && blockOffset(lines, values, innerLines, [r[0], r[1]]);
              if (range) out.push({ message, range });
            });
          }
        }
      }
    }
    return out;
  },
});
