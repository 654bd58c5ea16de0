import type { IndexedObject } from '../engine/workspace';
import { dig, selectorMatches } from './pod';

/** Whether a ServiceMonitor's `namespaceSelector` admits a Service's namespace. */
function namespaceAdmits(monitor: unknown, monitorNs: string | undefined, serviceNs: string | undefined): boolean {
  const sel = dig(monitor, 'spec', 'namespaceSelector');
  if (dig(sel, 'any') === true) return true;
  const names = dig(sel, 'matchNames');
  if (Array.isArray(names) && names.length) return serviceNs === undefined || names.includes(serviceNs);
  return monitorNs === undefined || serviceNs === undefined || monitorNs === serviceNs;
}

/**
 * The Services a Prometheus Operator ServiceMonitor selects: those its `selector` matches in the
 * namespaces its `namespaceSelector` admits. Undefined when the monitor has no selector or the
 * selector is templated (nothing can be said then).
 */
export function servicesSelectedBy(
  monitor: { readonly value: unknown; readonly namespace: string | undefined },
  services: readonly IndexedObject[],
): IndexedObject[] | undefined {
  const selector = dig(monitor.value, 'spec', 'selector');
  if (selector === undefined || JSON.stringify(selector).includes('{{')) return undefined;
  return services.filter(
    (s) =>
      namespaceAdmits(monitor.value, monitor.namespace, s.namespace) &&
      selectorMatches(selector, dig(s.value, 'metadata', 'labels') as Record<string, unknown> | undefined),
  );
}
