import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { jsonStrings } from '../../dockerfile/model';
import { modelOf } from '../../dockerfile/util';

/** Whether a destination is relative (not absolute, not a variable, not a Windows path). */
function relative(dest: string): boolean {
  const v = dest.replace(/^["']|["']$/g, '');
  return !(v.startsWith('/') || v.startsWith('$') || v.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(v) || v.startsWith('<<'));
}

/** A relative COPY destination lands wherever the base image's working directory happens to be. */
export const rule = defineRule({
  id: 'dockerfile/copy-relative-no-workdir',
  title: 'COPY to a relative destination without WORKDIR',
  severity: 'warning',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3045'],
  docs: `A relative destination such as \`COPY app.py app/\` is resolved against the working directory. Until the
stage sets one with \`WORKDIR\`, that is whatever the base image chose (often \`/\`, sometimes not), so the
files move when the base image changes. Set \`WORKDIR\` first or use an absolute destination. A stage built
\`FROM\` an earlier stage that set \`WORKDIR\` inherits it. Variables and Windows paths are not flagged.`,
  remediation: 'Add `WORKDIR /app` before the COPY, or use an absolute destination.',
  check(ctx) {
    const out: Finding[] = [];
    const m = modelOf(ctx);
    const hasWorkdir: boolean[] = [];
    for (const st of m.stages) {
      let set = false;
      if (st.image?.isStage) {
        const name = st.image.text.toLowerCase();
        const parent = m.stages.find((s) => s.index < st.index && s.name?.toLowerCase() === name);
        set = parent ? (hasWorkdir[parent.index] ?? false) : false;
      }
      for (const di of st.instructions) {
        if (di.onbuild) continue;
        if (di.keyword === 'WORKDIR') set = true;
        if (di.keyword !== 'COPY' || set) continue;
        const args = di.ins.getArguments();
        const json = jsonStrings(di.ins);
        const dest = json ? json[json.length - 1] : args[args.length - 1]?.getValue();
        if ((json ? json.length : args.length) < 2 || dest === undefined || !relative(dest)) continue;
        const last = args[args.length - 1];
        out.push({
          message: `COPY to the relative destination "${dest}" before any WORKDIR in this stage.`,
          range: last && !json ? last.getRange() : di.range,
        });
      }
      hasWorkdir[st.index] = set;
    }
    return out;
  },
});
