import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { jsonStrings, sectionOf, type DfInstruction, type DockerModel, type RunInfo, type Stage } from '../../dockerfile/model';
import { fixOf, modelOf, stageChain } from '../../dockerfile/util';

/** The first `|` of a RUN not protected by pipefail, if any. */
function unprotectedPipe(r: RunInfo): { start: number; end: number; seg: RunInfo['segments'][number] } | undefined {
  for (const seg of r.segments) {
    let pipefailAt = Infinity;
    for (const c of seg.script.commands) {
      if (c.name.value !== 'set') continue;
      const vals = c.args.map((a) => a.value ?? '');
      if (vals.some((v, i) => /^-[a-zA-Z]*o$/.test(v) && vals[i + 1] === 'pipefail')) {
        pipefailAt = Math.min(pipefailAt, c.start);
      }
    }
    for (const p of seg.script.pipelines) {
      const op = p.operators[0];
      if (op && op.start < pipefailAt) return { ...op, seg };
    }
  }
  return undefined;
}

/** Shells whose `-o pipefail` exists (dash, the `sh` of Debian and Ubuntu, has none). */
const PIPEFAIL_SHELLS = new Set(['bash', 'zsh', 'ksh', 'mksh', 'ash']);

/** The image the stage chain starts from. */
function baseImage(m: DockerModel, st: Stage): string {
  return stageChain(m, st).at(-1)?.image?.text ?? '';
}

/** BusyBox-based images: no bash, but BusyBox's `sh` knows `set -o pipefail`. */
function busyboxLike(image: string): boolean {
  return /alpine|busybox/i.test(image);
}

/** Images with no bash (or no shell at all): a `SHELL ["/bin/bash", …]` would break every later RUN. */
function lacksBash(image: string): boolean {
  return /distroless|chainguard|cgr\.dev|wolfi|scratch|busybox|alpine/i.test(image) || image === '';
}

/** The `SHELL` instructions of a stage chain, nearest stage first. */
function shellsOf(m: DockerModel, st: Stage): DfInstruction[][] {
  return stageChain(m, st).map((s) => s.instructions.filter((i) => i.keyword === 'SHELL' && !i.onbuild));
}

/** The SHELL line, with `-o pipefail` added after the program. */
function withPipefail(
  shell: DfInstruction,
): { range: NonNullable<ReturnType<DfInstruction['ins']['getArgumentsRange']>>; newText: string } | undefined {
  const json = jsonStrings(shell.ins);
  const range = shell.ins.getArgumentsRange();
  if (!json || !json.length || !range) return undefined;
  const exe = json[0]!.replace(/^.*\//, '');
  if (!PIPEFAIL_SHELLS.has(exe)) return undefined;
  return { range, newText: `[${[json[0]!, '-o', 'pipefail', ...json.slice(1)].map((a) => JSON.stringify(a)).join(', ')}]` };
}

/** A pipe's status is its last command's: a failing `curl | tar` goes unnoticed without pipefail. */
export const rule = defineRule({
  id: 'dockerfile/pipefail',
  title: 'Pipe without pipefail',
  severity: 'warning',
  fixApplicability: 'unsafe',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL4006'],
  docs: `The exit status of \`a | b\` is the status of \`b\`. In \`RUN curl -fsSL $URL | tar -xz\` a failed download
still "succeeds" and the build goes on with a broken layer. Set \`SHELL ["/bin/bash", "-o", "pipefail", "-c"]\`
before the first piped \`RUN\` (or start the \`RUN\` with \`set -o pipefail &&\`). Stages with a Windows shell are
not checked. The quick fix adds \`-o pipefail\` to the stage's \`SHELL\` when that shell is bash (or zsh, ksh,
ash); inserts one \`SHELL ["/bin/bash", "-o", "pipefail", "-c"]\` before the stage's first piped \`RUN\` when the
stage has no \`SHELL\` and its base image has bash; and on Alpine or BusyBox bases, whose \`sh\` knows the option,
starts the \`RUN\` with \`set -o pipefail &&\`. Under another \`SHELL\` (\`sh\`, which is dash on Debian, has no
pipefail), on images without bash (distroless, Chainguard) and in \`ONBUILD\` triggers of images that are not
Alpine or BusyBox it offers no fix.`,
  remediation: 'Add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the RUN, or start the RUN with `set -o pipefail &&`.',
  check(ctx) {
    const out: Finding[] = [];
    const m = modelOf(ctx);
    for (const r of m.runs) {
      const st = sectionOf(m, r.di.stage);
      if (st?.pipefail) continue;
      const pipe = unprotectedPipe(r);
      if (pipe)
        out.push({ message: 'Set -o pipefail, or a failure before the pipe goes unnoticed.', range: pipe.seg.range(pipe.start, pipe.end) });
    }
    return out;
  },
  fix(ctx, finding) {
    const m = modelOf(ctx);
    const piped = m.runs.map((r) => ({ r, pipe: unprotectedPipe(r) }));
    const hit = piped.find(({ pipe }) => {
      if (!pipe) return false;
      const range = pipe.seg.range(pipe.start, pipe.end);
      return range.start.line === finding.range.start.line && range.start.character === finding.range.start.character;
    });
    const st = hit && m.stages[hit.r.di.stage];
    if (!hit || !st?.posix) return undefined;
    const r = hit.r;
    const image = baseImage(m, st);
    const shells = shellsOf(m, st);
    const own = shells[0]!;
    const inherited = shells
      .slice(1)
      .find((l) => l.length)
      ?.at(-1);
    // One SHELL before the RUN (in the stage, or inherited): add the option to it, once for all RUNs.
    if (own.length > 1 || (own.length === 1 && own[0]!.range.start.line > r.di.range.start.line)) return undefined;
    const shell = own[0] ?? inherited;
    if (shell) {
      const edit = withPipefail(shell);
      return edit && fixOf('Add -o pipefail to SHELL', edit);
    }
    if (busyboxLike(image)) {
      const first = r.segments[0]!;
      const at = ctx.doc.lines.positionAt(first.offset(first.text.length - first.text.trimStart().length));
      return fixOf('Start the RUN with set -o pipefail', { range: { start: at, end: at }, newText: 'set -o pipefail && ' });
    }
    if (r.di.onbuild || lacksBash(image)) return undefined;
    // One SHELL line per stage, before its first piped RUN: every finding of the stage gets the same edit.
    const firstPiped = piped.find((p) => p.pipe && p.r.di.stage === r.di.stage && !p.r.di.onbuild)?.r ?? r;
    const start = firstPiped.di.range.start;
    return fixOf('Insert SHELL with pipefail', {
      range: { start, end: start },
      newText: `SHELL ["/bin/bash", "-o", "pipefail", "-c"]\n${' '.repeat(start.character)}`,
    });
  },
});
