import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { objectsOfKind } from '../../k8s/pod';
import { servicesSelectedBy } from '../../k8s/servicemonitor';
import { getIn, keyRange } from '../../parse/yaml';

/** Prometheus Operator ServiceMonitors whose selector matches no Service of the workspace. */
export const rule = defineRule({
  id: 'k8s/servicemonitor-selects-nothing',
  title: 'ServiceMonitor selects no Service',
  severity: 'warning',
  appliesTo: ['manifest'],
  aliases: ['kube-linter:dangling-servicemonitor'],
  docs: `A ServiceMonitor (Prometheus Operator) scrapes the endpoints of the Services its \`selector\` matches, in the
namespaces its \`namespaceSelector\` admits (its own by default, \`matchNames\`, or \`any: true\`). When no Service in the
workspace matches, nothing is scraped and the dashboards silently go flat, usually after a label changed. Reported on
the \`selector\` key. Only checked when the workspace defines at least one Service.`,
  remediation: 'Make the selector match the labels of the Service (not of the pods) that exposes the metrics port.',
  check(ctx) {
    const out: Finding[] = [];
    if (!ctx.doc.objects.some((o) => o.kind === 'ServiceMonitor')) return out;
    const services = objectsOfKind(ctx, 'Service');
    if (!services.length) return out;
    for (const obj of ctx.doc.objects) {
      if (obj.kind !== 'ServiceMonitor') continue;
      const matched = servicesSelectedBy(obj, services);
      if (!matched || matched.length) continue;
      const range = keyRange(ctx.doc.lines, getIn(obj.root, ['spec']), 'selector');
      if (range) out.push({ message: `No Service in the workspace matches the selector of ServiceMonitor "${obj.name ?? ''}".`, range });
    }
    return out;
  },
});
