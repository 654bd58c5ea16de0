/** How findings name a Kubernetes object in their messages. */

/** The fields a message needs: both manifest objects and indexed objects have them. */
export interface Nameable {
  readonly kind: string | undefined;
  readonly name: string | undefined;
  readonly value: Record<string, unknown> | undefined;
}

function generateName(obj: Nameable): string | undefined {
  const meta = obj.value?.metadata;
  const g = meta && typeof meta === 'object' ? (meta as Record<string, unknown>).generateName : undefined;
  return typeof g === 'string' && g !== '' ? g : undefined;
}

/**
 * The object as a message names it: `Job "backup"`; by its prefix when the API server generates the
 * name (`Job "backup-" (generateName)`); `this Job` when it has neither.
 */
export function objectLabel(obj: Nameable, kind = obj.kind ?? 'object'): string {
  if (obj.name) return `${kind} "${obj.name}"`;
  const g = generateName(obj);
  return g ? `${kind} "${g}" (generateName)` : `this ${kind}`;
}

/** {@link objectLabel} at the start of a sentence (`This Job`). */
export function objectLabelStart(obj: Nameable, kind?: string): string {
  const s = objectLabel(obj, kind);
  return s.charAt(0).toUpperCase() + s.slice(1);
}
