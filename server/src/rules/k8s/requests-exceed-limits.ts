import { isMap } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { containerSites, parseQuantity } from '../../k8s/pod';
import { getIn, nodeRange } from '../../parse/yaml';

/** A request above its limit is rejected by the API server. */
export const rule = defineRule({
  id: 'k8s/requests-exceed-limits',
  title: 'Resource request above its limit',
  severity: 'error',
  appliesTo: ['manifest'],
  aliases: [],
  docs: `The API server refuses a container whose request for a resource is greater than its limit
("must be less than or equal to … limit"), so the workload never rolls out.`,
  remediation: 'Lower the request or raise the limit so that request ≤ limit.',
  check(ctx) {
    const out: Finding[] = [];
    for (const site of containerSites(ctx.doc)) {
      const requests = getIn(site.node, ['resources', 'requests']);
      const limits = getIn(site.node, ['resources', 'limits']);
      if (!isMap(requests) || !isMap(limits)) continue;
      for (const res of ['cpu', 'memory', 'ephemeral-storage']) {
        const rn = getIn(requests, [res]);
        const ln = getIn(limits, [res]);
        const r = parseQuantity(rn?.toJSON());
        const l = parseQuantity(ln?.toJSON());
        if (r === undefined || l === undefined || r <= l) continue;
        const range = nodeRange(ctx.doc.lines, rn);
        if (range) out.push({ message: `The ${res} request ${String(rn?.toJSON())} is above the limit ${String(ln?.toJSON())}.`, range });
      }
    }
    return out;
  },
});
