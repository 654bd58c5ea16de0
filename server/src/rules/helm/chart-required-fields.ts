import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { missingKeyRange, rootMap, valueOrKeyRange } from '../../helm/yamlnav';
import { findPair, scalarString } from '../../parse/yaml';

/** Helm's own validation: a chart needs a `name` and a `version`, and the name must be usable. */
export const rule = defineRule({
  id: 'helm/chart-required-fields',
  title: 'Chart name or version missing',
  severity: 'error',
  appliesTo: ['helm-chart'],
  aliases: [],
  docs: `Every chart needs \`name\` and \`version\` in \`Chart.yaml\`; without them \`helm lint\`, \`helm package\` and
\`helm install\` fail. The name may not contain path separators or spaces, because it becomes a file and
resource name.`,
  remediation: 'Add `name:` (the chart folder name, lowercase with dashes) and `version:` (SemVer, e.g. `0.1.0`).',
  check(ctx) {
    const map = rootMap(ctx.doc);
    if (!map) return [];
    const lines = ctx.doc.lines;
    const out: Finding[] = [];
    for (const key of ['name', 'version']) {
      const value = scalarString(findPair(map, key)?.value);
      if (value === undefined || value.trim() === '') {
        const range = valueOrKeyRange(lines, map, key) ?? missingKeyRange(lines, map);
        out.push({ message: `Chart.yaml has no ${key}.`, range });
      }
    }
    const name = scalarString(findPair(map, 'name')?.value);
    if (name && /[/\\\s]/.test(name)) {
      out.push({ message: `Chart name "${name}" may not contain slashes or spaces.`, range: valueOrKeyRange(lines, map, 'name')! });
    }
    return out;
  },
});
