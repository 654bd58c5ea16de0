import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { analyzeChart, chartValues, dependencyKeys, loadChart, resolvePath } from '../../helm/chart';

/** A `.Values.x.y` read that no values file of the chart defines renders as nothing (or fails). */
export const rule = defineRule({
  id: 'helm/undefined-value',
  title: 'Template reads a value no values file defines',
  severity: 'warning',
  appliesTo: ['helm-template'],
  aliases: [],
  docs: `A template that reads \`.Values.image.tag\` when no values file of the chart defines \`image.tag\` renders
\`<no value>\` (or an empty string), and reading below a missing mapping (\`.Values.missing.key\`) fails the
render with a nil-pointer error. Usually it is a typo, or a key renamed in \`values.yaml\` but not in the
template. Shipshape follows \`with\`/\`range\` scoping, \`$\`, variables, \`index\` and named templates called
with the root context. A read is fine when it is guarded: \`default\`, \`required\`, \`coalesce\`, \`hasKey\`, or
an enclosing \`if\`/\`with\` on the same value. Values of dependencies and \`global\` are not checked unless the
subchart is vendored under \`charts/\`; an empty mapping (\`podAnnotations: {}\`) accepts any key.`,
  remediation: 'Define the key in values.yaml (even as an empty default), fix the spelling, or guard the read with `default`.',
  expensive: true,
  check(ctx) {
    if (!ctx.chartRoot || !ctx.path) return [];
    const chart = loadChart(ctx.chartRoot);
    const analyzed = analyzeChart(chart, { path: ctx.path, text: ctx.doc.text }).find((a) => a.file === ctx.path);
    if (!analyzed) return [];
    const values = chartValues(chart);
    const deps = dependencyKeys(chart);
    const out: Finding[] = [];
    for (const read of analyzed.reads.reads) {
      if (read.mode !== 'exact' || read.guarded || read.path.length === 0) continue;
      if (deps.has(read.path[0]!) && !chart.subcharts.has(read.path[0]!)) continue;
      if (read.path[0] === 'global') continue;
      const status = resolvePath(values, read.path);
      if (status.state !== 'missing') continue;
      if (read.guards.some((g) => g.length > status.at)) continue;
      const missing = read.path.slice(0, status.at + 1).join('.');
      const message =
        status.at === read.path.length - 1
          ? `No values file defines ${missing}; this renders as nothing.`
          : `No values file defines ${missing}, so reading ${read.path.join('.')} fails the render.`;
      out.push({ message, range: ctx.doc.lines.range(read.span.start, read.span.end), data: { path: read.path } });
    }
    return out;
  },
});
