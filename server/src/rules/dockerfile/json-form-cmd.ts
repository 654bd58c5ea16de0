import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import type { DfInstruction, Stage } from '../../dockerfile/model';
import { findingsByInstruction, modelOf } from '../../dockerfile/util';

/** Split a shell-form command into words when it is simple enough to do so exactly. */
export function simpleWords(text: string): string[] | undefined {
  if (/[$`|&;<>(){}*?[\]~\\#!]/.test(text) || /\n/.test(text)) return undefined;
  const words: string[] = [];
  const re = /\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))/gy;
  let m: RegExpExecArray | null;
  let pos = 0;
  let cur: string | undefined;
  while (pos < text.length && (m = re.exec(text))) {
    const sep = m[0].length > 0 && /^\s/.test(m[0]);
    const piece = m[1] ?? m[2] ?? m[3] ?? '';
    if (cur !== undefined && !sep) cur += piece;
    else {
      if (cur !== undefined) words.push(cur);
      cur = piece;
    }
    pos = re.lastIndex;
  }
  if (text.slice(pos).trim()) return undefined;
  if (cur !== undefined) words.push(cur);
  return words.length ? words : undefined;
}

/** A `SHELL` before `di` in its stage, or in the stages that stage is built `FROM`. */
function shellSetBefore(stages: readonly Stage[], di: DfInstruction): boolean {
  let st: Stage | undefined = stages[di.stage];
  let before = di.range.start.line;
  for (let depth = 0; st && depth < 20; depth++) {
    if (st.instructions.some((i) => i.keyword === 'SHELL' && !i.onbuild && i.range.start.line < before)) return true;
    const parent: string | undefined = st.image?.isStage ? st.image.text.toLowerCase() : undefined;
    const index: number = st.index;
    st = parent === undefined ? undefined : stages.find((s) => s.index < index && s.name?.toLowerCase() === parent);
    before = Infinity;
  }
  return false;
}

/** Shell-form CMD/ENTRYPOINT runs under `/bin/sh -c`, which does not forward signals. */
export const rule = defineRule({
  id: 'dockerfile/json-form-cmd',
  title: 'Shell-form CMD or ENTRYPOINT',
  severity: 'warning',
  fixApplicability: 'unsafe',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3025', 'docker:JSONArgsRecommended'],
  options: {
    exceptAfterShell: {
      type: 'boolean',
      default: false,
      description:
        "Do not flag a stage that sets `SHELL` (or is built `FROM` a stage that does): Docker's `JSONArgsRecommended` behaviour. Off: every shell-form command is flagged, as hadolint's DL3025 does.",
    },
  },
  docs: `In shell form (\`CMD node server.js\`) the process runs as a child of \`/bin/sh -c\`: \`docker stop\` sends
SIGTERM to the shell, which does not pass it on, so the container is killed after the timeout instead of
shutting down cleanly. JSON (exec) form (\`CMD ["node", "server.js"]\`) runs the program as PID 1. The quick fix
is offered when the command has no shell syntax (no variables, pipes or redirections), so the conversion is
exact.

By default every shell-form \`CMD\` and \`ENTRYPOINT\` is flagged, as hadolint's DL3025 does. Docker's build check
\`JSONArgsRecommended\` stays quiet in a stage whose image has an explicit \`SHELL\`, taking the shell form as chosen
on purpose; set \`exceptAfterShell: true\` for that behaviour (a \`SHELL\` in the stage, or in the stages it is built
\`FROM\`, counts; one set by the base image cannot be seen).`,
  remediation: 'Use JSON form: `CMD ["executable", "arg"]`.',
  check(ctx) {
    const m = modelOf(ctx);
    const exceptAfterShell = ctx.settings.option<boolean>('exceptAfterShell') === true;
    const find = (di: DfInstruction, out: Finding[]) => {
      if (di.keyword !== 'CMD' && di.keyword !== 'ENTRYPOINT') return;
      if (exceptAfterShell && shellSetBefore(m.stages, di)) return;
      const raw = di.ins.getRawArgumentsContent()?.trim();
      if (!raw || raw.startsWith('[')) return;
      out.push({
        message: `Use JSON form for ${di.keyword} so the process receives signals.`,
        range: di.ins.getArgumentsRange() ?? di.range,
      });
    };
    if (!exceptAfterShell) return findingsByInstruction(ctx, 'dockerfile/json-form-cmd', find);
    // A SHELL in the stages a stage is built from counts: nothing is kept per section.
    const out: Finding[] = [];
    for (const di of m.instructions) find(di, out);
    return out;
  },
  fix(ctx, finding) {
    const di = modelOf(ctx).instructions.find(
      (i) => (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') && i.ins.getArgumentsRange()?.start.line === finding.range.start.line,
    );
    const range = di?.ins.getArgumentsRange();
    if (!di || !range) return undefined;
    const text = ctx.doc.text.slice(ctx.doc.lines.offsetAt(range.start), ctx.doc.lines.offsetAt(range.end));
    const words = simpleWords(text.trim());
    if (!words) return undefined;
    return { title: 'Convert to JSON form', edits: [{ range, newText: `[${words.map((w) => JSON.stringify(w)).join(', ')}]` }] };
  },
});
