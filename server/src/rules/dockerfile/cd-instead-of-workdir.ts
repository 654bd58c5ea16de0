import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import type { RunCommand } from '../../dockerfile/model';
import { allCommands, fixOf, nameRange, sameRange } from '../../dockerfile/util';

/** `RUN cd dir && rest`: the leading `cd` whose `&&` continues the script, with the rest's start. */
function leadingCd(c: RunCommand): { dir: string; restStart: number } | undefined {
  if (c.name !== 'cd' || c.cmd.inSubstitution || c.args.length !== 1) return undefined;
  const seg = c.segment;
  if (seg !== c.run.segments[0] || seg.text.slice(0, c.cmd.start).trim() !== '') return undefined;
  const m = /^\s*&&\s*/.exec(seg.text.slice(c.cmd.end));
  const dir = c.args[0]!.value;
  if (!m || !dir || !dir.startsWith('/')) return undefined;
  return { dir, restStart: c.cmd.end + m[0].length };
}

/** `cd` in a RUN only lasts for that RUN and hides the working directory from readers. */
export const rule = defineRule({
  id: 'dockerfile/cd-instead-of-workdir',
  title: 'cd used instead of WORKDIR',
  severity: 'info',
  fixApplicability: 'unsafe',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3003'],
  docs: `A \`cd\` inside \`RUN\` changes the directory for that one shell only. \`WORKDIR\` states the working
directory once, creates it if needed, and applies to every later \`RUN\`, \`CMD\`, \`COPY\` and
\`ENTRYPOINT\`. \`cd\` inside a subshell, a heredoc script or a \`$(…)\` is not flagged. The quick fix turns
\`RUN cd /dir && …\` into \`WORKDIR /dir\` followed by \`RUN …\`; note that later instructions then run in
\`/dir\` too.`,
  remediation: 'Use `WORKDIR /dir` before the RUN instead of `cd /dir &&`.',
  check(ctx) {
    const out: Finding[] = [];
    for (const c of allCommands(ctx)) {
      if (c.name !== 'cd' || c.cmd.inSubstitution || c.segment !== c.run.segments[0]) continue;
      if (c.cmd.name.value !== 'cd') continue;
      const before = c.segment.text.slice(0, c.cmd.start);
      if (/\(\s*$/.test(before)) continue;
      out.push({ message: 'Use WORKDIR to change directory instead of cd.', range: nameRange(c) });
    }
    return out;
  },
  fix(ctx, finding) {
    const c = allCommands(ctx).find((x) => x.name === 'cd' && sameRange(nameRange(x), finding.range));
    const cd = c && leadingCd(c);
    if (!c || !cd || c.run.di.onbuild) return undefined;
    const ins = c.run.run;
    const keyword = ins.getInstructionRange();
    const cmdStart = c.segment.range(c.cmd.start, c.cmd.start).start;
    const restStart = c.segment.range(cd.restStart, cd.restStart).start;
    const indent = ' '.repeat(keyword.start.character);
    return fixOf(`Use WORKDIR ${cd.dir}`, {
      range: { start: keyword.start, end: restStart },
      newText: `WORKDIR ${cd.dir}\n${indent}${ctx.doc.text.slice(ctx.doc.lines.offsetAt(keyword.start), ctx.doc.lines.offsetAt(cmdStart))}`,
    });
  },
});
