import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { emptyScratch, jsonStrings } from '../../dockerfile/model';
import { modelOf } from '../../dockerfile/util';

/** A `RUN` in a `FROM scratch` stage that nothing has been copied into: there is nothing to run it with. */
export const rule = defineRule({
  id: 'dockerfile/run-in-scratch',
  title: 'RUN in an empty scratch stage',
  severity: 'error',
  appliesTo: ['dockerfile'],
  aliases: [],
  docs: `\`scratch\` is the empty image: no \`/bin/sh\`, no programs, no libraries. A shell-form \`RUN\` needs
\`/bin/sh\`, and an exec-form \`RUN ["prog"]\` needs \`prog\`, so either fails the build in a stage built \`FROM
scratch\` (directly or through earlier stages) before a \`COPY\` or \`ADD\` has put something there. Official
base images are built \`FROM scratch\` with \`ADD rootfs.tar.xz /\` first and then \`RUN\`: a \`RUN\` after any
\`COPY\` or \`ADD\` in the stage, or in a stage it is built from, is not flagged, nor is an \`ONBUILD RUN\` (it runs
in the child build). The \`RUN\`'s commands still get the usual findings. Build the files in another stage and
\`COPY --from\` them instead.`,
  remediation:
    'Run the command in a build stage with a shell and `COPY --from` its output, or base the stage on an image that has the program.',
  check(ctx) {
    const out: Finding[] = [];
    const m = modelOf(ctx);
    for (const r of m.runs) {
      const st = m.stages[r.di.stage];
      if (!st || r.di.onbuild || !emptyScratch(m, st, r.di.range.start.line)) continue;
      const exe = r.execForm ? jsonStrings(r.run)?.[0] : undefined;
      out.push({
        message: r.execForm
          ? `This stage is FROM scratch and nothing has been copied into it: there is no "${exe ?? ''}" to run.`
          : 'This stage is FROM scratch and nothing has been copied into it: there is no /bin/sh to run this RUN.',
        range: r.run.getInstructionRange(),
      });
    }
    return out;
  },
});
