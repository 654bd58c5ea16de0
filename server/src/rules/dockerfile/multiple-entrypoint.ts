import { defineRule } from '../../engine/rule';
import { earlierDuplicates } from '../../dockerfile/duplicates';

/** A second ENTRYPOINT in a stage silently replaces the first. */
export const rule = defineRule({
  id: 'dockerfile/multiple-entrypoint',
  title: 'Multiple ENTRYPOINT instructions in a stage',
  severity: 'error',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL4004', 'docker:MultipleInstructionsDisallowed'],
  docs: `Only the last \`ENTRYPOINT\` of a stage takes effect; the earlier ones are dead code that readers take for real
behaviour. The finding is on each overridden \`ENTRYPOINT\`. Different stages may each have their own.`,
  remediation: 'Keep one ENTRYPOINT per stage and delete the others.',
  check(ctx) {
    return earlierDuplicates(ctx, 'ENTRYPOINT');
  },
});
