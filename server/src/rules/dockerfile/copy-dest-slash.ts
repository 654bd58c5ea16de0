import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { copyArguments, jsonStrings, type DfInstruction } from '../../dockerfile/model';
import { findingsBySection } from '../../dockerfile/util';

/** With several sources the destination must be a directory, written with a trailing `/`. */
export const rule = defineRule({
  id: 'dockerfile/copy-dest-slash',
  title: 'COPY of several sources to a destination without /',
  severity: 'error',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3021'],
  docs: `\`COPY a.txt b.txt /dest\` fails: with more than one source, the destination must end with \`/\` so it is a
directory. Heredoc sources and variables in the destination are not flagged: the builder checks the
destination after expanding it, and \`$DEST\` may well end with \`/\` (hadolint's DL3021 flags it; this rule
deliberately does not).`,
  remediation: 'End the destination with `/`: `COPY a b /dest/`.',
  check(ctx) {
    return findingsBySection(ctx, 'dockerfile/copy-dest-slash', (st) => {
      const out: Finding[] = [];
      for (const di of st.instructions) checkInstruction(di, out);
      return out;
    });
  },
});

/** The findings of one instruction, added to `out`. */
function checkInstruction(di: DfInstruction, out: Finding[]): void {
  if (di.keyword !== 'COPY' && di.keyword !== 'ADD') return;
  const json = jsonStrings(di.ins);
  const args = copyArguments(di.ins);
  const values = json ?? args.map((a) => a.getValue());
  if (values.some((v) => v.startsWith('<<'))) return;
  if (values.length < 3) return;
  const dest = values[values.length - 1]!;
  if (dest.endsWith('/') || dest.endsWith('\\') || dest.includes('$')) return;
  const last = args[args.length - 1];
  out.push({
    message: `With ${values.length - 1} sources the destination "${dest}" must end with /.`,
    range: last && !json ? last.getRange() : di.range,
  });
}
