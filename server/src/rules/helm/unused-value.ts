import { isMap, isScalar, visit } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { analyzeChart, dependencyKeys, loadChart } from '../../helm/chart';
import { valuesKeys } from '../../helm/yamlnav';

const VALUES_REF = /\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g;

/** A values key that nothing reads is dead configuration, or a typo for a key that is read. */
export const rule = defineRule({
  id: 'helm/unused-value',
  title: 'Values key is never read',
  severity: 'hint',
  appliesTo: ['helm-values'],
  aliases: [],
  docs: `A key in a values file that no template, named template (including those of library subcharts) or
\`tpl\`-rendered value reads has no effect: setting it changes nothing, which usually means a typo or a value
left behind by a refactoring. Keys under a dependency's name or alias, and \`global\`, belong to subcharts and
are not reported. When a template reads \`.Values\` as a whole (\`toYaml .Values\`), nothing is reported.`,
  remediation: 'Remove the key, or fix its name to the one the templates read.',
  expensive: true,
  check(ctx) {
    if (!ctx.chartRoot) return [];
    const root = ctx.doc.docs[0]?.contents;
    if (!isMap(root)) return [];
    const chart = loadChart(ctx.chartRoot);
    if (chart.type === 'library' || chart.templates.length === 0) return [];
    const used = new Set<string>();
    const exact = new Set<string>();
    const add = (p: readonly string[]) => {
      for (let i = 1; i <= p.length; i++) used.add(p.slice(0, i).join('.'));
      exact.add(p.join('.'));
    };
    for (const a of analyzeChart(chart)) {
      for (const r of a.reads.reads) {
        if (r.path.length === 0) return [];
        add(r.path);
      }
    }
    // Values rendered with `tpl` may read other values.
    visit(ctx.doc.docs[0]!, {
      Scalar(_, node) {
        if (isScalar(node) && typeof node.value === 'string' && node.value.includes('.Values')) {
          for (const m of node.value.matchAll(VALUES_REF)) add(m[1]!.slice(1).split('.'));
        }
      },
    });
    const skip = dependencyKeys(chart);
    const out: Finding[] = [];
    const reported: string[] = [];
    for (const k of valuesKeys(ctx.doc.lines, root)) {
      if (skip.has(k.path[0]!)) continue;
      const joined = k.path.join('.');
      if (reported.some((p) => joined.startsWith(`${p}.`))) continue;
      if (k.path.some((_, i) => i < k.path.length - 1 && exact.has(k.path.slice(0, i + 1).join('.')))) continue;
      if (used.has(joined)) continue;
      reported.push(joined);
      out.push({ message: `No template reads ${joined}.`, range: k.keyRange, data: { path: k.path } });
    }
    return out;
  },
});
