import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { missingKeyRange, rootMap, valueOrKeyRange } from '../../helm/yamlnav';
import { findPair, scalarString } from '../../parse/yaml';

/** `Chart.yaml` must declare `apiVersion: v2`; `v1` is the Helm 2 format. */
export const rule = defineRule({
  id: 'helm/chart-api-version',
  title: 'Chart apiVersion missing, deprecated or unknown',
  severity: 'error',
  appliesTo: ['helm-chart'],
  aliases: [],
  docs: `Helm 3 and 4 charts declare \`apiVersion: v2\`. \`v1\` is the Helm 2 chart format: it keeps dependencies in a
separate \`requirements.yaml\` and cannot declare a \`type\`; Helm still reads it but it is deprecated. Any other value,
or no \`apiVersion\` at all, makes Helm refuse the chart.`,
  remediation: 'Set `apiVersion: v2` (moving `requirements.yaml` entries into `dependencies:` of `Chart.yaml`).',
  check(ctx) {
    const map = rootMap(ctx.doc);
    if (!map) return [];
    const lines = ctx.doc.lines;
    const pair = findPair(map, 'apiVersion');
    const value = scalarString(pair?.value);
    const out: Finding[] = [];
    if (!pair || value === undefined || value === '') {
      out.push({ message: 'Chart.yaml has no apiVersion; Helm 3 charts use "apiVersion: v2".', range: missingKeyRange(lines, map) });
    } else if (value === 'v1') {
      out.push({
        message: 'apiVersion v1 is the deprecated Helm 2 chart format; use v2.',
        range: valueOrKeyRange(lines, map, 'apiVersion')!,
        severity: 'warning',
      });
    } else if (value !== 'v2') {
      out.push({
        message: `Unknown chart apiVersion "${value}"; Helm accepts v2 (and the deprecated v1).`,
        range: valueOrKeyRange(lines, map, 'apiVersion')!,
      });
    }
    return out;
  },
});
