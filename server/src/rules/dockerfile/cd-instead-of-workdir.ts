import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import type { RunCommand } from '../../dockerfile/model';
import { allCommands, findingsByRun, fixOf, nameRange, sameRange } from '../../dockerfile/util';

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

/** Commands that create a directory, and the argument that names it (`mkdir -p a b`, `git clone url dir`). */
function created(c: RunCommand): string[] {
  const words = c.args.map((a) => a.value ?? a.raw).filter((v) => !v.startsWith('-'));
  if (c.name === 'mkdir') return words;
  if (c.name === 'git' && words[0] === 'clone' && words.length >= 3) return [words[words.length - 1]!];
  return [];
}

const norm = (p: string): string => p.replace(/^["']|["']$/g, '').replace(/\/+$/, '') || '/';

/** Whether the script sets variable `v` from `mktemp` (`v=$(mktemp -d)`, `export v="$(mktemp -d)"`). */
function setFromMktemp(text: string, v: string): boolean {
  for (let at = text.indexOf(`${v}=`); at >= 0; at = text.indexOf(`${v}=`, at + 1)) {
    if (at > 0 && /[A-Za-z0-9_]/.test(text[at - 1]!)) continue;
    if (/^["']?(?:\$\(|`)\s*mktemp\b/.test(text.slice(at + v.length + 1, at + v.length + 40))) return true;
  }
  return false;
}

/**
 * Whether `cd`'s target is a scratch directory of this very RUN: the output of `mktemp -d`
 * (directly or through a variable set from it), or a path that an earlier command of the RUN creates
 * (`mkdir`, `git clone`) or a later one removes (`rm -rf`). `WORKDIR` would keep such a folder in
 * the image and in every later instruction, so `cd` is the right tool there.
 */
function scratchDir(c: RunCommand): boolean {
  const arg = c.args[0];
  if (!arg) return false;
  const raw = arg.raw;
  if (/\$\(\s*mktemp\b|`\s*mktemp\b/.test(raw)) return true;
  const v = /^"?\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?"?$/.exec(raw)?.[1];
  if (v && c.run.segments.some((seg) => setFromMktemp(seg.text, v))) return true;
  const target = arg.value === undefined ? undefined : norm(arg.value);
  if (target === undefined) return false;
  for (const o of c.run.commands) {
    if (o === c) continue;
    const before = o.segment === c.segment && o.cmd.start < c.cmd.start;
    if (before && created(o).some((d) => norm(d) === target)) return true;
    if (!before && o.name === 'rm' && o.args.some((a) => a.value !== undefined && norm(a.value) === target)) return true;
  }
  return false;
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
\`ENTRYPOINT\`. \`cd\` inside a subshell, a heredoc script or a \`$(…)\` is not flagged, nor is \`cd\` into a
scratch directory of the same \`RUN\`: the output of \`mktemp -d\` (directly or through a variable set from it),
or a folder that the \`RUN\` creates before the \`cd\` (\`mkdir\`, \`git clone\`) or removes after it (\`rm\`), since
\`WORKDIR\` would keep that folder in the image; a later \`cd\` out of such a folder is not flagged either. The quick fix turns
\`RUN cd /dir && …\` into \`WORKDIR /dir\` followed by \`RUN …\`; note that later instructions then run in
\`/dir\` too.`,
  remediation: 'Use `WORKDIR /dir` before the RUN instead of `cd /dir &&`.',
  check(ctx) {
    return findingsByRun(ctx, 'dockerfile/cd-instead-of-workdir', (run) => {
      const out: Finding[] = [];
      for (const c of run.commands) {
        if (c.name !== 'cd' || c.cmd.inSubstitution || c.segment !== c.run.segments[0]) continue;
        if (c.cmd.name.value !== 'cd') continue;
        const before = c.segment.text.slice(0, c.cmd.start);
        if (/\(\s*$/.test(before) || scratchDir(c)) continue;
        // Leaving a scratch folder (`cd /` before removing it) belongs to the same pattern.
        if (c.run.commands.some((o) => o.name === 'cd' && o.segment === c.segment && o.cmd.start < c.cmd.start && scratchDir(o))) continue;
        out.push({ message: 'Use WORKDIR to change directory instead of cd.', range: nameRange(c) });
      }
      return out;
    });
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
