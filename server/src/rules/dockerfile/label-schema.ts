import { defineRule } from '../../engine/rule';
import type { Label } from 'dockerfile-ast';
import type { Finding } from '../../engine/types';
import { modelOf } from '../../dockerfile/util';

/** The labels a project's image schema requires on the final image. */
export const rule = defineRule({
  id: 'dockerfile/required-labels',
  title: 'Required label missing',
  severity: 'info',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3049'],
  options: {
    requiredLabels: {
      type: 'string[]',
      default: [],
      description:
        'Labels the final stage must set, e.g. `["org.opencontainers.image.source", "org.opencontainers.image.licenses"]`. Empty: the rule is inactive.',
    },
  },
  docs: `Registries, scanners and people find an image's source, owner and licence through labels. When
\`requiredLabels\` is set, the final stage must set each of them with \`LABEL\` (labels of earlier stages it
is built \`FROM\` count too; labels of the base image cannot be seen and do not).`,
  remediation: 'Add the missing labels: `LABEL org.opencontainers.image.source="https://…"`.',
  check(ctx) {
    const required = ctx.settings.option<string[]>('requiredLabels') ?? [];
    const m = modelOf(ctx);
    const st = m.stages[m.stages.length - 1];
    if (!required.length || !st) return [];
    const have = new Set<string>();
    const collect = (index: number, depth: number) => {
      const s = m.stages[index];
      if (!s || depth > 20) return;
      for (const di of s.instructions)
        if (di.keyword === 'LABEL') for (const p of (di.ins as Label).getProperties()) have.add(p.getName().replace(/^["']|["']$/g, ''));
      if (s.image?.isStage) {
        const parent = m.stages.find((x) => x.index < s.index && x.name?.toLowerCase() === s.image?.text.toLowerCase());
        if (parent) collect(parent.index, depth + 1);
      }
    };
    collect(st.index, 0);
    const missing = required.filter((l) => !have.has(l));
    const out: Finding[] = [];
    if (missing.length)
      out.push({
        message: `Missing required label${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}.`,
        range: st.from.getInstructionRange(),
      });
    return out;
  },
});
