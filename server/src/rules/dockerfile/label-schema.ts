import { defineRule } from '../../engine/rule';
import type { Label } from 'dockerfile-ast';
import type { Finding } from '../../engine/types';
import { findingsByInstruction, modelOf } from '../../dockerfile/util';

const KEY = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i;

/** Label keys must be well formed and non-empty, and the project's required labels present. */
export const rule = defineRule({
  id: 'dockerfile/label-schema',
  title: 'Label schema: invalid, empty or missing label',
  severity: 'info',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3048', 'hadolint:DL3049', 'hadolint:DL3050', 'hadolint:DL3051'],
  options: {
    requiredLabels: {
      type: 'string[]',
      default: [],
      description: 'Labels the final stage must set, e.g. `["org.opencontainers.image.source", "org.opencontainers.image.licenses"]`.',
    },
    strictLabels: {
      type: 'boolean',
      default: false,
      description:
        "Also flag every label that `requiredLabels` does not list (every label, when it is empty), as hadolint's `strict-labels` does.",
    },
  },
  docs: `Registries, scanners and people find an image's source, owner and licence through labels. This rule checks
that label keys are well formed (letters, digits, \`.\` and \`-\`, as the OCI and Docker conventions require),
that no label is set to an empty value, and, when \`requiredLabels\` is set, that the final stage sets each of
them (labels of earlier stages it is built \`FROM\` count too; the base image's cannot be seen). With
\`strictLabels: true\`, a label that \`requiredLabels\` does not list is flagged as superfluous (with an empty
\`requiredLabels\`, every label), as hadolint's \`strict-labels\` setting (DL3050) does. Keys or values built from
variables are not checked.`,
  remediation: 'Fix the key, give the label a value, or add the missing labels: `LABEL org.opencontainers.image.source="https://…"`.',
  check(ctx) {
    const m = modelOf(ctx);
    const out: Finding[] = findingsByInstruction(ctx, 'dockerfile/label-schema', (di, found) => {
      if (di.keyword !== 'LABEL') return;
      for (const p of (di.ins as Label).getProperties()) {
        const key = p.getName().replace(/^(["'])(.*)\1$/, '$2');
        if (!key.includes('$') && !KEY.test(key)) found.push({ message: `"${key}" is not a valid label key.`, range: p.getNameRange() });
        const v = p.getValue();
        if (v !== null && v.replace(/^(["'])(.*)\1$/, '$2').trim() === '')
          found.push({ message: `Label "${key}" is empty.`, range: p.getRange(), severity: 'warning' });
      }
    });
    const required = ctx.settings.option<string[]>('requiredLabels') ?? [];
    if (ctx.settings.option<boolean>('strictLabels') === true) {
      for (const di of m.instructions) {
        if (di.keyword !== 'LABEL') continue;
        for (const p of (di.ins as Label).getProperties()) {
          const key = p.getName().replace(/^(["'])(.*)\1$/, '$2');
          if (!key.includes('$') && !required.includes(key))
            out.push({ message: `Label "${key}" is not in requiredLabels (strictLabels is on).`, range: p.getNameRange() });
        }
      }
    }
    const st = m.stages[m.stages.length - 1];
    if (!required.length || !st) return out;
    const have = new Set<string>();
    const collect = (index: number, depth: number) => {
      const s = m.stages[index];
      if (!s || depth > 20) return;
      for (const di of s.instructions)
        if (di.keyword === 'LABEL')
          for (const p of (di.ins as Label).getProperties()) have.add(p.getName().replace(/^(["'])(.*)\1$/, '$2'));
      if (s.image?.isStage) {
        const parent = m.stages.find((x) => x.index < s.index && x.name?.toLowerCase() === s.image?.text.toLowerCase());
        if (parent) collect(parent.index, depth + 1);
      }
    };
    collect(st.index, 0);
    const missing = required.filter((l) => !have.has(l));
    if (missing.length)
      out.push({
        message: `Missing required label${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}.`,
        range: st.from.getInstructionRange(),
      });
    return out;
  },
});
