import { defineRule } from '../../engine/rule';
import { earlierDuplicates } from '../../dockerfile/duplicates';

/** A second HEALTHCHECK in a stage silently replaces the first. */
export const rule = defineRule({
  id: 'dockerfile/multiple-healthcheck',
  title: 'Multiple HEALTHCHECK instructions in a stage',
  severity: 'error',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3012', 'docker:MultipleInstructionsDisallowed'],
  docs: `Only the last \`HEALTHCHECK\` of a stage takes effect; the earlier ones are dead code that readers take for real
behaviour. The finding is on each overridden \`HEALTHCHECK\`. Different stages may each have their own.`,
  remediation: 'Keep one HEALTHCHECK per stage and delete the others.',
  check(ctx) {
    return earlierDuplicates(ctx, 'HEALTHCHECK');
  },
});
