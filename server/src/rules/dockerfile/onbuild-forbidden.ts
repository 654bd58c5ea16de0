import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { modelOf } from '../../dockerfile/util';

/** ONBUILD cannot trigger ONBUILD, FROM or MAINTAINER. */
export const rule = defineRule({
  id: 'dockerfile/onbuild-forbidden',
  title: 'ONBUILD with a forbidden trigger',
  severity: 'error',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3043'],
  docs: `\`ONBUILD ONBUILD …\`, \`ONBUILD FROM …\` and \`ONBUILD MAINTAINER …\` are rejected by the builder.`,
  remediation: 'Use a different trigger instruction, or drop the ONBUILD.',
  check(ctx) {
    const out: Finding[] = [];
    for (const di of modelOf(ctx).instructions) {
      if (!di.onbuild || !['ONBUILD', 'FROM', 'MAINTAINER'].includes(di.keyword)) continue;
      out.push({ message: `ONBUILD cannot trigger ${di.keyword}.`, range: di.ins.getInstructionRange() });
    }
    return out;
  },
});
