import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import type { Stage } from '../../dockerfile/model';
import { declaredProperties, modelOf } from '../../dockerfile/util';

/** Instructions whose arguments the builder expands (RUN, CMD and ENTRYPOINT are left to the shell). */
const EXPANDED = new Set(['ADD', 'COPY', 'ENV', 'EXPOSE', 'LABEL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR', 'ARG']);

/** Variables nearly every Linux base image sets. */
const COMMON = ['PATH', 'HOME', 'HOSTNAME', 'TERM', 'LANG', 'LANGUAGE', 'LC_ALL', 'USER', 'SHELL', 'PWD'];

/**
 * Edit distance with adjacent transpositions counted as one edit (`PAHT` is one away from `PATH`),
 * or `max + 1` when it is more than `max` (the caller only wants near misses).
 */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // Three rows of the table: the one before the previous (for transpositions), the previous, this one.
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let least = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, before[j - 2]! + 1);
      row.push(v);
      if (v < least) least = v;
    }
    // Every later row is at least this row's least value: past `max`, the answer is only "too far".
    if (least > max) return max + 1;
    before = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/** The closest defined name, when `name` looks like a misspelling of it. */
function nearMiss(name: string, defined: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const upper = name.toUpperCase();
  for (const n of defined) {
    if (n === name || Math.min(n.length, name.length) < 4) continue;
    const max = Math.min(name.length, n.length) >= 6 ? 2 : 1;
    const dist = distance(upper, n.toUpperCase(), max);
    if (dist < bestD && dist <= max) {
      best = n;
      bestD = dist;
    }
  }
  return best;
}

/** A variable used where the builder expands it, with no ARG or ENV that defines it. */
export const rule = defineRule({
  id: 'dockerfile/undefined-var',
  title: 'Variable is not defined',
  severity: 'warning',
  appliesTo: ['dockerfile'],
  aliases: ['docker:UndefinedVar'],
  docs: `The builder expands \`$NAME\` in \`COPY\`, \`ADD\`, \`ENV\`, \`WORKDIR\`, \`USER\`, \`LABEL\`, \`EXPOSE\`, \`VOLUME\` and
\`STOPSIGNAL\`; an undefined variable becomes an empty string, so \`ENV PATH=$PAHT:/app/bin\` drops the whole
\`PATH\` and \`COPY app $DEST\` copies to the wrong place, without any error. A variable is defined by an
earlier \`ARG\` or \`ENV\` of the stage, by an \`ENV\` of the stages it is built \`FROM\`, or by the base image.

A global \`ARG\` (before the first \`FROM\`) is not visible inside a stage until the stage declares it again with
\`ARG NAME\`: using it without that is flagged, whatever the base image. Otherwise, since Shipshape cannot see
the environment a base image sets (Docker's build check reads it from the registry), a name is flagged when the
stage's environment is fully known (built \`FROM scratch\`, directly or through earlier stages), or when it
looks like a misspelling of a defined variable or a common one (\`PATH\`, \`HOME\`, \`LANG\`, …). Uses with a
default (\`\${NAME:-x}\`, \`\${NAME:+x}\`), \`RUN\`, \`CMD\` and \`ENTRYPOINT\` (expanded by the shell at run time) and
Windows stages are not checked.`,
  remediation: 'Declare the variable (`ARG NAME` inside the stage, or `ENV NAME=value`), or fix its spelling.',
  check(ctx) {
    const out: Finding[] = [];
    const m = modelOf(ctx);
    const envOf = new Map<number, ReadonlySet<string>>();
    const knownBase = new Map<number, boolean>();
    const globals = [...m.globalArgs.keys()].join('\n');
    for (const st of m.stages) {
      const parent: Stage | undefined = st.image?.isStage
        ? m.stages.find((s) => s.index < st.index && s.name?.toLowerCase() === st.image?.text.toLowerCase())
        : undefined;
      const inherited = parent ? envOf.get(parent.index) : undefined;
      const full = st.image?.isScratch === true || (parent !== undefined && knownBase.get(parent.index) === true);
      knownBase.set(st.index, full);
      // A stage an edit left alone (the same object, see `dockerModel`) with the same inputs has the same findings.
      let done = byStage.get(st);
      if (!done || done.inherited !== inherited || done.full !== full || done.globals !== globals) {
        done = { inherited, full, globals, ...checkStage(st, inherited, full, m.globalArgs) };
        byStage.set(st, done);
      }
      for (const f of done.findings) out.push(f);
      envOf.set(st.index, done.env);
    }
    return out;
  },
});

/** What a stage gave, and what it was given: the environment inherited, whether it is fully known, the global ARG names. */
const byStage = new WeakMap<
  Stage,
  { inherited: ReadonlySet<string> | undefined; full: boolean; globals: string; findings: Finding[]; env: ReadonlySet<string> }
>();

/** The findings of one stage, and the environment it leaves to the stages built from it. */
function checkStage(
  st: Stage,
  inherited: ReadonlySet<string> | undefined,
  full: boolean,
  globalArgs: ReadonlyMap<string, string | undefined>,
): { findings: Finding[]; env: ReadonlySet<string> } {
  const out: Finding[] = [];
  const env = new Set<string>(inherited);
  const args = new Set<string>();
  for (const di of st.instructions) {
    if (di.onbuild || !st.posix) continue;
    if (EXPANDED.has(di.keyword)) {
      for (const v of di.ins.getVariables()) {
        const name = v.getName();
        if (!name || v.getModifier() !== null || env.has(name) || args.has(name)) continue;
        const global = globalArgs.has(name);
        const typo = nearMiss(name, [...env, ...args, ...COMMON, ...globalArgs.keys()]);
        if (global)
          out.push({
            message: `$${name} is a global ARG; declare it in the stage with "ARG ${name}" to use it here.`,
            range: v.getNameRange(),
          });
        else if (typo) out.push({ message: `$${name} is not defined. Did you mean $${typo}?`, range: v.getNameRange() });
        else if (full && !COMMON.includes(name)) out.push({ message: `$${name} is not defined in this stage.`, range: v.getNameRange() });
      }
    }
    if (di.keyword === 'ENV') for (const p of declaredProperties(di)) env.add(p.getName());
    if (di.keyword === 'ARG') for (const p of declaredProperties(di)) args.add(p.getName());
  }
  return { findings: out, env };
}
