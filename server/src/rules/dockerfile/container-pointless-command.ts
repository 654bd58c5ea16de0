import { defineRule } from '../../engine/rule';
import type { RuleContext } from '../../engine/rule';
import type { Finding, TextEdit } from '../../engine/types';
import type { RunCommand } from '../../dockerfile/model';
import { allCommands, commandAt, fixOf, onName } from '../../dockerfile/util';

/** Interactive, service-management and host-administration programs, and why each is out of place. */
const POINTLESS: ReadonlyMap<string, string> = new Map([
  ['ssh', 'an interactive remote shell'],
  ['vim', 'an interactive editor'],
  ['shutdown', 'a host power command'],
  ['service', 'a service manager for long-running daemons'],
  ['ps', 'a process viewer'],
  ['free', 'a memory viewer'],
  ['top', 'an interactive process viewer'],
  ['kill', 'a signal sender for running processes'],
  ['mount', 'a host mount command'],
  ['ifconfig', 'a network interface tool'],
]);

/** The whole lines of an instruction, trailing newline included. */
function wholeLines(ctx: RuleContext<'dockerfile'>, c: RunCommand): TextEdit | undefined {
  const { text, lines } = ctx.doc;
  const r = c.run.di.range;
  const start = lines.offsetAt({ line: r.start.line, character: 0 });
  let end = lines.offsetAt(r.end);
  if (text.slice(start, lines.offsetAt(r.start)).trim() !== '') return undefined;
  const rest = /^[ \t]*(\r?\n|$)/.exec(text.slice(end));
  if (!rest) return undefined;
  end += rest[0].length;
  return { range: lines.range(start, end), newText: '' };
}

/**
 * The edit that removes a command: the whole RUN when it is the only command, or the command and
 * one `&&` next to it when it is a plain link of a top-level `&&` chain. Undefined otherwise
 * (pipes, redirections, `||`, `;`, subshells, conditionals and heredocs are left to the author).
 */
function removal(ctx: RuleContext<'dockerfile'>, c: RunCommand): TextEdit | undefined {
  const run = c.run;
  if (run.heredoc || run.segments.length !== 1 || c.cmd.inSubstitution) return undefined;
  const seg = c.segment;
  if (seg.script.hasError || seg.script.pipelines.some((p) => p.stages.some((s) => s.start <= c.cmd.start && c.cmd.end <= s.end)))
    return undefined;
  const cmds = seg.script.commands;
  const i = cmds.indexOf(c.cmd);
  if (i < 0) return undefined;
  const prev = cmds[i - 1];
  const next = cmds[i + 1];
  const before = seg.text.slice(prev ? prev.end : 0, c.cmd.start);
  const after = seg.text.slice(c.cmd.end, next ? next.start : seg.text.length);
  const link = /^\s*&&\s*$/;
  if (!prev && !next) return before.trim() === '' && after.trim() === '' ? wholeLines(ctx, c) : undefined;
  if (prev && !link.test(before)) return undefined;
  if (next ? !link.test(after) : after.trim() !== '') return undefined;
  if (!prev && before.trim() !== '') return undefined;
  // First link: drop it with the `&&` after it; otherwise with the `&&` before it.
  const range = next && !prev ? seg.range(c.cmd.start, next.start) : seg.range(prev!.end, c.cmd.end);
  return { range, newText: '' };
}

/** Some programs do nothing useful while an image is being built. */
export const rule = defineRule({
  id: 'dockerfile/container-pointless-command',
  title: 'Command that makes no sense in a build',
  severity: 'info',
  fixApplicability: 'unsafe',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3001'],
  docs: `A \`RUN\` step executes once, without a terminal, in a throw-away container, and only its file-system
changes are kept. Running \`ssh\`, \`vim\` or \`top\`, starting daemons with \`service\`, or inspecting or changing
the host with \`ps\`, \`free\`, \`kill\`, \`mount\`, \`ifconfig\` or \`shutdown\` either hangs the build, fails, or
leaves nothing in the image. Only the command that is run is flagged: installing \`vim\` with a package
manager is not. The quick fix removes the command when that edit is unambiguous: the whole \`RUN\` when it
is the only command, or one link of a plain \`a && b && c\` chain (with one of its \`&&\`). Commands in
pipes, behind \`||\` or \`;\`, with redirections, in subshells, conditionals or heredocs get no fix.`,
  remediation: 'Remove the command; start services from the container entrypoint instead.',
  check(ctx) {
    const out: Finding[] = [];
    for (const c of allCommands(ctx)) {
      const what = POINTLESS.get(c.name);
      if (what) out.push(onName(c, `"${c.name}" is ${what}; running it while building the image has no lasting effect.`));
    }
    return out;
  },
  fix(ctx, finding) {
    const c = commandAt(ctx, finding.range);
    if (!c || !POINTLESS.has(c.name)) return undefined;
    const edit = removal(ctx, c);
    return edit && fixOf(`Remove "${c.name}"`, edit);
  },
});
