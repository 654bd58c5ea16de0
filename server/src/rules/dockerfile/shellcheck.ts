import { spawnSync } from 'node:child_process';
import { defineRule } from '../../engine/rule';
import { findExecutable } from '../../engine/tools';
import type { Finding, Severity } from '../../engine/types';
import { sectionOf } from '../../dockerfile/model';
import { modelOf } from '../../dockerfile/util';

/** One ShellCheck comment from `--format=json1` (1-based lines; columns with tabs expanded to 8). */
interface Comment {
  line: number;
  endLine: number;
  column: number;
  endColumn: number;
  level: string;
  code: number;
  message: string;
}

const cache = new Map<string, Comment[]>();
// Sourced files (SC1090/SC1091) cannot be followed from a RUN, variables come from ENV/ARG (SC2154),
// and SC2187 is about ash, the Alpine default.
const EXCLUDE = 'SC1090,SC1091,SC2154,SC2187';

function run(exe: string, script: string, shell: string): Comment[] {
  const key = `${shell}\0${script}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const res = spawnSync(exe, ['--format=json1', `--shell=${shell}`, `--exclude=${EXCLUDE}`, '-'], {
    input: script,
    encoding: 'utf8',
    timeout: 10_000,
  });
  let comments: Comment[];
  try {
    comments = (JSON.parse(res.stdout || '{"comments":[]}') as { comments: Comment[] }).comments ?? [];
  } catch {
    comments = [];
  }
  cache.set(key, comments);
  if (cache.size > 500) cache.delete(cache.keys().next().value!);
  return comments;
}

/** Converts ShellCheck's (line, column) into an offset of `text`. */
function offsetOf(text: string, lineStarts: readonly number[], line: number, column: number): number {
  const start = lineStarts[Math.max(0, Math.min(line - 1, lineStarts.length - 1))]!;
  let col = 1;
  let i = start;
  while (i < text.length && text[i] !== '\n' && col < column) {
    col = text[i] === '\t' ? col + 8 - ((col - 1) % 8) : col + 1;
    i++;
  }
  return i;
}

const LEVELS: Record<string, Severity> = { error: 'error', warning: 'warning', info: 'info', style: 'hint' };

/** ShellCheck findings on RUN bodies, mapped to their exact place in the Dockerfile. */
export const rule = defineRule({
  id: 'dockerfile/shellcheck',
  title: 'ShellCheck finding in RUN',
  severity: 'warning',
  appliesTo: ['dockerfile'],
  aliases: [],
  expensive: true,
  requires: 'shellcheck',
  options: {
    enabled: {
      type: 'boolean',
      default: false,
      description:
        'Run `shellcheck` (when it is on PATH) on RUN bodies. Off by default; it starts a process, so it never runs in an untrusted workspace.',
    },
  },
  docs: `When enabled and \`shellcheck\` is on PATH, every shell-form \`RUN\` (and shell heredoc) of a POSIX stage is
checked by [ShellCheck](https://www.shellcheck.net/) with the stage's shell (\`bash\` when \`SHELL\` says so,
otherwise \`sh\`). Each finding keeps ShellCheck's code and level and links its wiki page, and points at the exact
line and column in the Dockerfile, through line continuations. Sourcing checks (SC1090, SC1091), variables set by ENV/ARG (SC2154) and SC2187 are
excluded. In an untrusted workspace (VS Code's restricted mode) it never runs, whatever the settings say.

**Without \`shellcheck\` on PATH** the rule is skipped: no ShellCheck finding appears, and no error either, so a
clean result then says nothing about the scripts. Install ShellCheck (\`apt-get install shellcheck\`,
\`brew install shellcheck\`) where Shipshape runs, in CI as on the desktop. hadolint runs ShellCheck built in, so
its \`SC\` codes (SC2086, SC2046, …) are reported here only under both conditions: the rule is enabled and the
program is found; the parity table (docs/parity.md) lists them as covered on that condition. A hadolint
suppression of an \`SC\` code (\`# hadolint ignore=SC2086\`) does not silence these findings; use
\`# shipshape-ignore dockerfile/shellcheck <reason>\` on the line before the \`RUN\`.

Turn it on with \`"shipshape.rules": { "dockerfile/shellcheck": { "enabled": true } }\` (or the same under \`rules:\`
in \`.shipshape.yaml\`); each finding keeps ShellCheck's own level unless you also set a \`severity\`.`,
  remediation:
    'Follow the linked ShellCheck wiki page; silence a code with `# shellcheck disable=SCxxxx` inside the script where it is a deliberate choice.',
  check(ctx) {
    if (ctx.settings.option<boolean>('enabled') !== true) return [];
    const exe = findExecutable('shellcheck');
    if (!exe) return [];
    const m = modelOf(ctx);
    const out: Finding[] = [];
    for (const r of m.runs) {
      const st = sectionOf(m, r.di.stage);
      const shellJson = st?.instructions.filter((i) => i.keyword === 'SHELL' && i.range.start.line < r.di.range.start.line).pop();
      const shell = /bash/.test(shellJson?.ins.getRawArgumentsContent() ?? '') ? 'bash' : 'sh';
      for (const seg of r.segments) {
        if (!seg.text.trim()) continue;
        const starts = [0];
        for (let i = 0; i < seg.text.length; i++) if (seg.text[i] === '\n') starts.push(i + 1);
        for (const c of run(exe, seg.text, shell)) {
          const s = offsetOf(seg.text, starts, c.line, c.column);
          const e = Math.max(s, offsetOf(seg.text, starts, c.endLine, c.endColumn));
          out.push({
            message: `SC${c.code}: ${c.message} (https://www.shellcheck.net/wiki/SC${c.code})`,
            range: seg.range(s, e),
            severity: LEVELS[c.level] ?? 'warning',
          });
        }
      }
    }
    return out;
  },
});
