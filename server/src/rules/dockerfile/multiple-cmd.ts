import { defineRule } from '../../engine/rule';
import { earlierDuplicates } from '../../dockerfile/duplicates';

/** A second CMD in a stage silently replaces the first. */
export const rule = defineRule({
  id: 'dockerfile/multiple-cmd',
  title: 'Multiple CMD instructions in a stage',
  severity: 'warning',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL4003', 'docker:MultipleInstructionsDisallowed'],
  docs: `Only the last \`CMD\` of a stage takes effect; the earlier ones are dead code that readers take for real
behaviour. The finding is on each overridden \`CMD\`. Different stages may each have their own.`,
  remediation: 'Keep one CMD per stage and delete the others.',
  check(ctx) {
    return earlierDuplicates(ctx, 'CMD');
  },
});
