import * as path from 'node:path';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { findPair, nodeRange } from '../../parse/yaml';

/** Remote references kustomize fetches itself (git repositories, URLs). */
const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|github\.com\/|gitlab\.com\/|bitbucket\.org\/)|[?&]ref=/i;

/** Lists of plain paths: top-level key → what the entries are. */
const PATH_LISTS: Readonly<Record<string, string>> = {
  resources: 'resource',
  bases: 'base',
  components: 'component',
  crds: 'CRD file',
  patchesStrategicMerge: 'patch',
  transformers: 'transformer',
  generators: 'generator',
  validators: 'validator',
  configurations: 'configuration',
};

/** Files and folders a kustomization.yaml lists must exist beside it. */
export const rule = defineRule({
  id: 'kustomize/missing-file',
  title: 'Kustomization lists a missing file',
  severity: 'error',
  appliesTo: ['kustomization'],
  aliases: [],
  docs: `Reports entries of a \`kustomization.yaml\` that name a file or folder that does not exist relative to
the kustomization: \`resources\`, \`bases\`, \`components\`, \`crds\`, \`patchesStrategicMerge\`,
\`transformers\`, \`generators\`, \`validators\` and \`configurations\` entries, the \`path\` of \`patches\`
and \`patchesJson6902\`, and the \`files\` and \`envs\` of \`configMapGenerator\` and \`secretGenerator\`
(\`key=path\` entries included). \`kustomize build\` fails on each of them. Remote references (git URLs,
\`?ref=\`) and inline patches are not checked, and patches are not validated as full objects.`,
  remediation: 'Fix the path (it is relative to the kustomization file) or add the missing file.',
  check(ctx) {
    const file = ctx.path;
    const out: Finding[] = [];
    if (!file) return out;
    const dir = path.dirname(file);
    for (const doc of ctx.doc.docs) {
      const root = doc.contents;
      if (!isMap(root)) continue;
      const check = (node: unknown, what: string, stripKey = false): void => {
        if (!isScalar(node) || typeof node.value !== 'string') return;
        let rel = node.value.trim();
        if (stripKey && rel.includes('=')) rel = rel.slice(rel.indexOf('=') + 1);
        if (!rel || rel.includes('\n') || REMOTE.test(rel) || rel.includes('{{') || rel.includes('${')) return;
        if (ctx.workspace.exists(path.resolve(dir, rel))) return;
        const range = nodeRange(ctx.doc.lines, node);
        if (range) out.push({ message: `The ${what} "${rel}" does not exist (relative to ${path.basename(file)}).`, range });
      };
      const each = (key: string, fn: (item: Node) => void): void => {
        const seq = findPair(root, key)?.value;
        if (isSeq(seq)) for (const item of seq.items) if (item) fn(item as Node);
      };
      for (const [key, what] of Object.entries(PATH_LISTS)) each(key, (item) => check(item, what));
      for (const key of ['patches', 'patchesJson6902']) each(key, (item) => check(findPair(item, 'path')?.value, 'patch'));
      for (const key of ['configMapGenerator', 'secretGenerator']) {
        each(key, (gen) => {
          for (const field of ['files', 'envs']) {
            const list = findPair(gen, field)?.value;
            if (isSeq(list)) for (const f of list.items) check(f, field === 'files' ? 'file' : 'env file', field === 'files');
          }
          check(findPair(gen, 'env')?.value, 'env file');
        });
      }
    }
    return out;
  },
});
