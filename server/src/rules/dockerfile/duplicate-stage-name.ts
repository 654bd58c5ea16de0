import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { modelOf } from '../../dockerfile/util';

/** Stage names must be unique. */
export const rule = defineRule({
  id: 'dockerfile/duplicate-stage-name',
  title: 'Duplicate stage name',
  severity: 'error',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3024', 'docker:DuplicateStageName'],
  docs: `Two \`FROM … AS name\` with the same name (case-insensitively) make \`--from=name\` and \`--target name\`
ambiguous; BuildKit rejects the file.`,
  remediation: 'Rename one of the stages.',
  check(ctx) {
    const out: Finding[] = [];
    const seen = new Set<string>();
    for (const st of modelOf(ctx).stages) {
      if (!st.name || !st.nameRange) continue;
      const k = st.name.toLowerCase();
      if (seen.has(k)) out.push({ message: `Stage name "${st.name}" is already used.`, range: st.nameRange });
      seen.add(k);
    }
    return out;
  },
});
