import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { findPair, getIn, keyRange, nodeRange, scalarString } from '../../parse/yaml';

/** A plausible e-mail address (linear: no nested quantifiers). */
const EMAIL = /^[A-Za-z0-9_.+-]+@[A-Za-z0-9-]+\.[A-Za-z0-9.-]+$/;

/** Objects without the labels and annotations a team requires. */
export const rule = defineRule({
  id: 'k8s/required-metadata',
  title: 'Required label or annotation missing',
  severity: 'info',
  appliesTo: ['manifest'],
  defaultEnabled: false,
  aliases: ['kube-linter:required-label-owner', 'kube-linter:required-annotation-email'],
  options: {
    labels: { type: 'string[]', default: ['owner'], description: 'Labels every object must have.' },
    annotations: {
      type: 'string[]',
      default: [],
      description: 'Annotations every object must have; one named `email` must hold an e-mail address.',
    },
  },
  docs: `Teams route alerts, costs and questions through metadata such as an \`owner\` label or an \`email\` annotation.
Reported on the object's \`metadata\` key for each label in the \`labels\` option (default \`owner\`, as kube-linter's
\`required-label-owner\`) and each annotation in the \`annotations\` option (default none; \`[email]\` is kube-linter's
\`required-annotation-email\`, whose value must be an e-mail address) that the object lacks or leaves empty. Opt-in.`,
  remediation: 'Add the label or annotation to `metadata`.',
  check(ctx) {
    const out: Finding[] = [];
    const labels = ctx.settings.option<string[]>('labels');
    const annotations = ctx.settings.option<string[]>('annotations');
    for (const obj of ctx.doc.objects) {
      if (!obj.kind || !obj.apiVersion) continue;
      const meta = getIn(obj.root, ['metadata']);
      const anchor = keyRange(ctx.doc.lines, obj.root, 'metadata') ?? keyRange(ctx.doc.lines, obj.root, 'kind');
      for (const [field, keys, what] of [
        ['labels', labels, 'label'],
        ['annotations', annotations, 'annotation'],
      ] as const) {
        for (const key of keys) {
          const pair = findPair(getIn(meta, [field]), key);
          const value = scalarString(pair?.value);
          if (value && (what === 'label' || key !== 'email' || EMAIL.test(value))) continue;
          const range = value ? nodeRange(ctx.doc.lines, pair?.value) : anchor;
          if (range)
            out.push({
              message: value ? `Annotation "${key}" is not an e-mail address.` : `${obj.kind} "${obj.name ?? ''}" has no ${what} "${key}".`,
              range,
            });
        }
      }
    }
    return out;
  },
});
