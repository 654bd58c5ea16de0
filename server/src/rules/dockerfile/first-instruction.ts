import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { modelOf } from '../../dockerfile/util';

/** A Dockerfile starts with FROM (optionally preceded by ARG). */
export const rule = defineRule({
  id: 'dockerfile/first-instruction',
  title: 'Instruction before the first FROM',
  severity: 'error',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3061'],
  docs: `Only \`ARG\` (and comments and parser directives) may come before the first \`FROM\`. Any other instruction
there fails the build.`,
  remediation: 'Move the instruction after the first `FROM`.',
  check(ctx) {
    const out: Finding[] = [];
    for (const di of modelOf(ctx).instructions) {
      if (di.stage >= 0 || di.onbuild) break;
      if (di.keyword !== 'ARG')
        out.push({ message: `${di.keyword} cannot come before the first FROM.`, range: di.ins.getInstructionRange() });
    }
    return out;
  },
});
