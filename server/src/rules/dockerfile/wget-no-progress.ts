import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import type { RunCommand } from '../../dockerfile/model';
import { allCommands, onName } from '../../dockerfile/util';

/** Long options that make wget's progress output harmless in a build log. */
const QUIET_LONG = ['--progress', '--quiet', '--no-verbose', '--output-file', '--append-output'];
/** Short options that take a value (the rest of a bundle is that value). */
const SHORT_WITH_VALUE = 'oaOPeTtwUiBQlARDIXbx';

/** Whether the command silences or redirects wget's progress meter. */
function quiet(c: RunCommand): boolean {
  for (const a of c.args) {
    const v = a.value;
    if (v === undefined) continue;
    if (v === '--') return false;
    if (QUIET_LONG.some((l) => v === l || v.startsWith(`${l}=`))) return true;
    if (v === '-nv') return true;
    if (!/^-[A-Za-z]/.test(v) || v.startsWith('--')) continue;
    for (const ch of v.slice(1)) {
      // -q is quiet; -o / -a send the log (progress included) to a file.
      if (ch === 'q' || ch === 'o' || ch === 'a') return true;
      if (SHORT_WITH_VALUE.includes(ch)) break;
    }
  }
  return false;
}

/** wget's default progress bar writes a line per chunk into non-interactive build logs. */
export const rule = defineRule({
  id: 'dockerfile/wget-no-progress',
  title: 'wget without --progress',
  severity: 'info',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3047'],
  docs: `Without a terminal, wget falls back to its "dot" progress display and writes a line for every few
kilobytes it downloads; a large download adds thousands of lines to the build log. Choose the display
(\`--progress=dot:giga\`) or silence it (\`-q\`, \`-nv\`). Commands that send wget's log to a file with
\`-o\`/\`-a\` are not flagged.`,
  remediation: 'Add `--progress=dot:giga` (or `-q` / `-nv`) to the wget command.',
  check(ctx) {
    const out: Finding[] = [];
    for (const c of allCommands(ctx)) {
      if (c.name !== 'wget' || quiet(c)) continue;
      out.push(onName(c, 'wget without --progress (or -q / -nv) fills the build log with progress lines.'));
    }
    return out;
  },
});
