import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { rootMap, valueOrKeyRange } from '../../helm/yamlnav';
import { findPair, scalarString } from '../../parse/yaml';

const TYPES = ['application', 'library'];

/** `type` is `application` (the default) or `library`; v1 charts cannot declare one. */
export const rule = defineRule({
  id: 'helm/chart-type',
  title: 'Invalid chart type',
  severity: 'error',
  appliesTo: ['helm-chart'],
  aliases: [],
  docs: `\`type\` says whether a chart can be installed (\`application\`, the default) or only provides named templates to
other charts (\`library\`). Helm rejects any other value. The field exists only in \`apiVersion: v2\` charts.`,
  remediation: 'Use `type: application` or `type: library`, or remove the field.',
  check(ctx) {
    const map = rootMap(ctx.doc);
    const pair = findPair(map, 'type');
    if (!map || !pair) return [];
    const value = scalarString(pair.value) ?? '';
    const range = valueOrKeyRange(ctx.doc.lines, map, 'type')!;
    const out: Finding[] = [];
    if (!TYPES.includes(value)) out.push({ message: `Chart type "${value}" is invalid; use application or library.`, range });
    else if (scalarString(findPair(map, 'apiVersion')?.value) === 'v1') {
      out.push({ message: 'apiVersion v1 charts cannot declare a type.', range, severity: 'warning' });
    }
    return out;
  },
});
