import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { containerSites, seqAt } from '../../k8s/pod';
import { getIn, nodeRange, scalarString } from '../../parse/yaml';

/** The same env var twice in one container: the last one silently wins. */
export const rule = defineRule({
  id: 'k8s/duplicate-env',
  title: 'Duplicate environment variable',
  severity: 'warning',
  appliesTo: ['manifest'],
  aliases: ['kube-linter:duplicate-env-var', 'kube-score:environment-variable-key-duplication'],
  docs: `When a container lists the same \`env\` name twice, only the last value takes effect, and server-side apply
and strategic merge patches treat the list by name, so edits to the first entry appear to do nothing.`,
  remediation: 'Keep one entry per name.',
  check(ctx) {
    const out: Finding[] = [];
    for (const site of containerSites(ctx.doc)) {
      const seen = new Map<string, number>();
      seqAt(site.node, ['env']).forEach((item, i) => {
        const nameNode = getIn(item, ['name']);
        const name = scalarString(nameNode);
        if (name === undefined || name.includes('{{')) return;
        if (seen.has(name)) {
          const range = nodeRange(ctx.doc.lines, nameNode);
          if (range) out.push({ message: `${name} is already set by env entry ${seen.get(name)! + 1}; the last one wins.`, range });
        } else seen.set(name, i);
      });
    }
    return out;
  },
});
