import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import type { RunInfo, Stage } from '../../dockerfile/model';
import { fixOf, modelOf } from '../../dockerfile/util';

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

function alpineLike(st: Stage | undefined): boolean {
  return /alpine|busybox|distroless/i.test(st?.image?.text ?? '');
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
not checked. The quick fix inserts the \`SHELL\` line; on Alpine, BusyBox or distroless bases, which have no
bash, it prefixes \`set -o pipefail &&\` instead.`,
  remediation: 'Add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the RUN, or start the RUN with `set -o pipefail &&`.',
  check(ctx) {
    const out: Finding[] = [];
    const m = modelOf(ctx);
    for (const r of m.runs) {
      const st = m.stages[r.di.stage];
      if (st?.pipefail) continue;
      const pipe = unprotectedPipe(r);
      if (pipe)
        out.push({ message: 'Set -o pipefail, or a failure before the pipe goes unnoticed.', range: pipe.seg.range(pipe.start, pipe.end) });
    }
    return out;
  },
  fix(ctx, finding) {
    const m = modelOf(ctx);
    for (const r of m.runs) {
      const pipe = unprotectedPipe(r);
      if (!pipe) continue;
      const range = pipe.seg.range(pipe.start, pipe.end);
      if (range.start.line !== finding.range.start.line || range.start.character !== finding.range.start.character) continue;
      const st = m.stages[r.di.stage];
      if (alpineLike(st) || r.di.onbuild) {
        const first = r.segments[0]!;
        const at = ctx.doc.lines.positionAt(first.offset(first.text.length - first.text.trimStart().length));
        return fixOf('Start the RUN with set -o pipefail', { range: { start: at, end: at }, newText: 'set -o pipefail && ' });
      }
      const start = r.di.range.start;
      const indent = ' '.repeat(start.character);
      return fixOf('Insert SHELL with pipefail', {
        range: { start, end: start },
        newText: `SHELL ["/bin/bash", "-o", "pipefail", "-c"]\n${indent}`,
      });
    }
    return undefined;
  },
});
