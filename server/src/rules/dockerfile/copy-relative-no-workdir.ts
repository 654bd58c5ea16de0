import { defineRule, type Rule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { copyArguments, jsonStrings, sections, type DockerModel, type Section, type Stage } from '../../dockerfile/model';
import { fixOf, modelOf, sameRange } from '../../dockerfile/util';

const isStage = (s: Section): s is Stage => s.index >= 0;

/** Whether a destination is relative (not absolute, not a variable, not a Windows path). */
function relative(dest: string): boolean {
  const v = dest.replace(/^["']|["']$/g, '');
  return !(v.startsWith('/') || v.startsWith('$') || v.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(v) || v.startsWith('<<'));
}

/** The stage a stage is ultimately built from (itself when its base is an image). */
function rootStage(m: DockerModel, st: Stage): Stage {
  let cur = st;
  for (let depth = 0; cur.image?.isStage && depth < 20; depth++) {
    const index = cur.index;
    const name = cur.image.text.toLowerCase();
    const parent = m.stages.find((s) => s.index < index && s.name?.toLowerCase() === name);
    if (!parent) break;
    cur = parent;
  }
  return cur;
}

/** `app/` → `/app/`, `./` or `.` → `/`; undefined when `..` makes the result unclear. */
function absolute(dest: string): string | undefined {
  if (dest.split('/').includes('..')) return undefined;
  const rest = dest === '.' ? '' : dest.replace(/^(\.\/)+/, '');
  return `/${rest}`;
}

/** A relative COPY destination lands wherever the base image's working directory happens to be. */
export const rule: Rule<'dockerfile'> = defineRule({
  id: 'dockerfile/copy-relative-no-workdir',
  title: 'COPY to a relative destination without WORKDIR',
  severity: 'warning',
  fixApplicability: 'safe',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3045'],
  docs: `A relative destination such as \`COPY app.py app/\` is resolved against the working directory. Until the
stage sets one with \`WORKDIR\`, that is whatever the base image chose (often \`/\`, sometimes not), so the
files move when the base image changes. Set \`WORKDIR\` first or use an absolute destination. A stage built
\`FROM\` an earlier stage that set \`WORKDIR\` inherits it. Variables and Windows paths are not flagged.

The quick fix (turning \`app/\` into \`/app/\`) is offered only in stages built \`FROM scratch\`, directly or
through earlier stages, where the working directory is known to be \`/\`. Elsewhere the right directory
depends on the base image (\`golang\` images work in \`/go\`, many application images in \`/app\`), which the
Dockerfile does not show, so choosing one would silently move the files.`,
  remediation: 'Add `WORKDIR /app` before the COPY, or use an absolute destination.',
  check(ctx) {
    const out: Finding[] = [];
    const m = modelOf(ctx);
    const hasWorkdir: boolean[] = [];
    for (const st of sections(m)) {
      let set = false;
      if (isStage(st) && st.image?.isStage) {
        const name = st.image.text.toLowerCase();
        const parent = m.stages.find((s) => s.index < st.index && s.name?.toLowerCase() === name);
        set = parent ? (hasWorkdir[parent.index] ?? false) : false;
      }
      for (const di of st.instructions) {
        if (di.onbuild) continue;
        if (di.keyword === 'WORKDIR') set = true;
        if (di.keyword !== 'COPY' || set) continue;
        const args = copyArguments(di.ins);
        const json = jsonStrings(di.ins);
        const dest = json ? json[json.length - 1] : args[args.length - 1]?.getValue();
        if ((json ? json.length : args.length) < 2 || dest === undefined || !relative(dest)) continue;
        const last = args[args.length - 1];
        out.push({
          message: `COPY to the relative destination "${dest}" before any WORKDIR in this stage.`,
          range: last && !json ? last.getRange() : di.range,
        });
      }
      if (st.index >= 0) hasWorkdir[st.index] = set;
    }
    return out;
  },
  fix(ctx, finding) {
    const m = modelOf(ctx);
    for (const st of m.stages) {
      for (const di of st.instructions) {
        if (di.keyword !== 'COPY' || di.onbuild || jsonStrings(di.ins)) continue;
        const last = copyArguments(di.ins).at(-1);
        if (!last || !sameRange(last.getRange(), finding.range)) continue;
        if (!rootStage(m, st).image?.isScratch || !rule.check(ctx).some((f) => sameRange(f.range, finding.range))) return undefined;
        const raw = ctx.doc.text.slice(ctx.doc.lines.offsetAt(finding.range.start), ctx.doc.lines.offsetAt(finding.range.end));
        const quote = /^["']/.exec(raw)?.[0] ?? '';
        const inner = quote ? raw.slice(1, -1) : raw;
        // A destination split by the parser (quoted spaces) or half-quoted is left alone.
        if ((quote && !raw.endsWith(quote)) || /["'\s\\]/.test(inner)) return undefined;
        const dest = absolute(inner);
        return dest === undefined ? undefined : fixOf(`Copy to ${dest}`, { range: finding.range, newText: `${quote}${dest}${quote}` });
      }
    }
    return undefined;
  },
});
