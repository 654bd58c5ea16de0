import { defineRule } from '../../engine/rule';
import type { Instruction } from 'dockerfile-ast';
import { copyArguments } from '../../dockerfile/model';
import { findingsByInstruction, modelOf } from '../../dockerfile/util';

const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tar\.lz|gz|bz2|xz)$/i;

/** The sources of an ADD, when every one is a plain local file (no URL, no archive, no git). */
function localSources(ins: Instruction): boolean {
  const args = copyArguments(ins).map((a) => a.getValue());
  if (args.length < 2) return false;
  const srcs = args.slice(0, -1);
  return srcs.every(
    (s) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(s) && !s.startsWith('git@') && !ARCHIVE.test(s) && !s.startsWith('<<') && !s.includes('$'),
  );
}

/** `ADD` also fetches URLs and unpacks archives; for plain files `COPY` says what it does. */
export const rule = defineRule({
  id: 'dockerfile/add-instead-of-copy',
  title: 'ADD used for local files',
  severity: 'warning',
  fixApplicability: 'unsafe',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3020'],
  docs: `\`ADD\` has hidden behaviour: it unpacks local archives and downloads URLs. For copying files and folders
\`COPY\` is explicit and has no surprises. \`ADD\` of archives (to unpack them), URLs and git repositories is
not flagged here.`,
  remediation: 'Replace `ADD` with `COPY`.',
  check(ctx) {
    return findingsByInstruction(ctx, 'dockerfile/add-instead-of-copy', (di, out) => {
      if (di.keyword !== 'ADD' || !localSources(di.ins)) return;
      if (di.ins.getRawArgumentsContent()?.trim().startsWith('[')) return;
      out.push({ message: 'Use COPY instead of ADD for local files.', range: di.ins.getInstructionRange() });
    });
  },
  fix(ctx, finding) {
    const di = modelOf(ctx).instructions.find(
      (i) => i.keyword === 'ADD' && i.ins.getInstructionRange().start.line === finding.range.start.line,
    );
    if (!di || !localSources(di.ins)) return undefined;
    const r = di.ins.getInstructionRange();
    return { title: 'Replace ADD with COPY', edits: [{ range: r, newText: di.ins.getInstruction() === 'add' ? 'copy' : 'COPY' }] };
  },
});
