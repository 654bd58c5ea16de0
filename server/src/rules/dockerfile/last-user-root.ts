import { defineRule, type RuleContext } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { finalSection, type Stage } from '../../dockerfile/model';
import { modelOf, unterminatedHeredoc } from '../../dockerfile/util';

/**
 * The last USER of the final stage, or its FROM when there is none. A file with no FROM (a fragment)
 * is one section whose base is unknown: only its own last USER is looked at.
 */
function lastUser(ctx: RuleContext<'dockerfile'>) {
  const m = modelOf(ctx);
  const st = finalSection(m);
  if (!st || (st as Stage).image?.isScratch) return undefined;
  const users = st.instructions.filter((i) => i.keyword === 'USER' && !i.onbuild);
  const user = users[users.length - 1];
  const from = (st as Partial<Stage>).from;
  if (!from && !user) return undefined;
  return { st, from, user };
}

/** Containers should not run as root. */
export const rule = defineRule({
  id: 'dockerfile/last-user-root',
  title: 'Image runs as root',
  severity: 'warning',
  fixApplicability: 'unsafe',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3002'],
  docs: `A container whose process runs as root turns any escape or mis-mounted volume into root on the node. The
final stage should end with a non-root \`USER\`. An explicit \`USER root\` (or \`0\`) as the last \`USER\` is a
warning; a final stage with no \`USER\` at all inherits the base image's user, which is usually root (reported
as info on the \`FROM\`). \`FROM scratch\` images are not flagged. The quick fix inserts \`USER 10001\` before
the final \`CMD\`/\`ENTRYPOINT\` (or at the end); make sure that user can read what the process needs. It is
not offered for Windows images (no such user), for an image with \`ONBUILD\` triggers (they would run in the
child image as that user), or after a heredoc that is never closed.`,
  remediation: 'Add `USER 10001` (a non-root numeric UID) before CMD/ENTRYPOINT in the final stage.',
  check(ctx) {
    const found = lastUser(ctx);
    if (!found) return [];
    const out: Finding[] = [];
    const { from, user } = found;
    if (!user) {
      if (from)
        out.push({
          message: 'The final stage sets no USER, so it runs as the base image user (usually root).',
          range: from.getInstructionRange(),
          severity: 'info',
        });
    } else {
      const name = (user.ins.getArguments()[0]?.getValue() ?? '').split(':')[0];
      if (name === 'root' || name === '0')
        out.push({ message: 'The last USER is root.', range: user.ins.getArgumentsRange() ?? user.range });
    }
    return out;
  },
  fix(ctx) {
    const found = lastUser(ctx);
    if (!found) return undefined;
    const { st, from, user } = found;
    if (!st.posix || st.instructions.some((i) => i.onbuild) || unterminatedHeredoc(ctx.doc.text)) return undefined;
    const lines = ctx.doc.lines;
    const after = user ? user.range.end.line : (from?.getRange().end.line ?? -1);
    const anchor = st.instructions.find(
      (i) => (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') && !i.onbuild && i.range.start.line > after,
    );
    if (anchor) {
      const at = anchor.range.start;
      return { title: 'Insert USER 10001', edits: [{ range: { start: at, end: at }, newText: `USER 10001\n${' '.repeat(at.character)}` }] };
    }
    const lastIns = st.instructions[st.instructions.length - 1]!;
    const end = lines.positionAt(lines.lineEnd(lastIns.range.end.line));
    return { title: 'Insert USER 10001', edits: [{ range: { start: end, end }, newText: '\nUSER 10001' }] };
  },
});
