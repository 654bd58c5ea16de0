import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { containerSites, dig, seqAt } from '../../k8s/pod';
import { getIn, nodeRange, scalarString } from '../../parse/yaml';

/** A probe that names a port the container does not declare can never succeed. */
export const rule = defineRule({
  id: 'k8s/probe-port',
  title: 'Probe uses an undeclared port name',
  severity: 'error',
  appliesTo: ['manifest'],
  aliases: ['kube-linter:liveness-port', 'kube-linter:readiness-port', 'kube-linter:startup-port'],
  options: {
    numeric: {
      type: 'boolean',
      default: false,
      description: 'Also report a numeric probe port the container does not declare in `ports` (as kube-linter does).',
    },
  },
  docs: `A probe's \`httpGet.port\`, \`tcpSocket.port\` or \`grpc.port\` may name a port instead of giving its number;
the name must be one of the container's \`ports[].name\`. Otherwise the kubelet cannot resolve it, the probe fails
and the pod is never ready (or is restarted forever). Numeric ports are not checked by default, as declaring them is
optional; kube-linter's \`liveness-port\`, \`readiness-port\` and \`startup-port\` also ask for numeric ports to be
declared, which \`numeric: true\` does (reported as a warning).`,
  remediation: 'Use the name of a declared container port, or its number.',
  check(ctx) {
    const out: Finding[] = [];
    const numeric = ctx.settings.option<boolean>('numeric');
    for (const site of containerSites(ctx.doc)) {
      const numbers = new Set(seqAt(site.node, ['ports']).map((p) => String(dig(p.toJSON(), 'containerPort'))));
      const names = new Set(
        seqAt(site.node, ['ports'])
          .map((p) => dig(p.toJSON(), 'name'))
          .filter((n): n is string => typeof n === 'string'),
      );
      for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
        for (const handler of ['httpGet', 'tcpSocket', 'grpc']) {
          const node = getIn(site.node, [probe, handler, 'port']);
          const port = scalarString(node);
          if (port === undefined || port.includes('{{') || names.has(port)) continue;
          const range = nodeRange(ctx.doc.lines, node);
          if (/^\d+$/.test(port)) {
            if (numeric && !numbers.has(port) && range)
              out.push({
                message: `The ${probe} uses port ${port}, which container "${site.name ?? site.index}" does not declare.`,
                range,
                severity: 'warning',
              });
            continue;
          }
          const known = names.size ? ` (declared: ${[...names].join(', ')})` : ' (it declares no named ports)';
          if (range)
            out.push({
              message: `The ${probe} uses port "${port}", which container "${site.name ?? site.index}" does not declare${known}.`,
              range,
            });
        }
      }
    }
    return out;
  },
});
