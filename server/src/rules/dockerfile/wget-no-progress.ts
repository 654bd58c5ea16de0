import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import type { DockerModel, RunCommand, Stage } from '../../dockerfile/model';
import { allCommands, commandAt, fixOf, insertAfter, modelOf, onName } from '../../dockerfile/util';

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

/**
 * Whether `wget` in this stage may be BusyBox's, which rejects `--progress`: the stage's base image
 * (through earlier stages) is Alpine or BusyBox, or is not known, and the file never installs GNU wget.
 */
function mayBeBusybox(m: DockerModel, stage: number): boolean {
  let st: Stage | undefined = m.stages[stage];
  for (let depth = 0; st?.image?.isStage && depth < 20; depth++) {
    const index: number = st.index;
    const name: string = st.image.text.toLowerCase();
    st = m.stages.find((s) => s.index < index && s.name?.toLowerCase() === name);
  }
  const image = st?.image;
  if (!image || image.unresolved || /alpine|busybox/i.test(image.text)) {
    const gnu = m.runs.some((r) => r.commands.some((c) => c.name === 'apk' && c.args.some((a) => /^wget(=|$)/.test(a.value ?? ''))));
    return !gnu;
  }
  return false;
}

/** wget's default progress bar writes a line per chunk into non-interactive build logs. */
export const rule = defineRule({
  id: 'dockerfile/wget-no-progress',
  title: 'wget without --progress',
  severity: 'info',
  fixApplicability: 'unsafe',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3047'],
  docs: `Without a terminal, wget falls back to its "dot" progress display and writes a line for every few
kilobytes it downloads; a large download adds thousands of lines to the build log. Choose the display
(\`--progress=dot:giga\`) or silence it (\`-q\`, \`-nv\`). Commands that send wget's log to a file with
\`-o\`/\`-a\` are not flagged. The quick fix adds \`--progress=dot:giga\` after \`wget\`; it is not offered where the base
image is Alpine or BusyBox (or cannot be resolved) and the Dockerfile does not install GNU wget, because
BusyBox's wget rejects \`--progress\` (use \`-q\` there).`,
  remediation: 'Add `--progress=dot:giga` (or `-q` / `-nv`) to the wget command.',
  check(ctx) {
    const out: Finding[] = [];
    for (const c of allCommands(ctx)) {
      if (c.name !== 'wget' || quiet(c)) continue;
      out.push(onName(c, 'wget without --progress (or -q / -nv) fills the build log with progress lines.'));
    }
    return out;
  },
  fix(ctx, finding) {
    const c = commandAt(ctx, finding.range);
    if (!c || c.name !== 'wget' || quiet(c) || mayBeBusybox(modelOf(ctx), c.run.di.stage)) return undefined;
    return fixOf('Add --progress=dot:giga', insertAfter(ctx, c, c.nameWord, ' --progress=dot:giga'));
  },
});
