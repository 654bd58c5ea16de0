/**
 * The environment a `RUN` command sees, as the builder and the shell give it: `ENV` of its stage
 * and the stages it is built `FROM`, `ARG`s declared in its stage (they are environment variables
 * of every later `RUN`), `export NAME=value` earlier in the same script, and assignments written
 * before the command (`NAME=value cmd`, `env NAME=value cmd`). Rules ask it for the variables that
 * change a tool's behaviour (`PIP_NO_CACHE_DIR`, `PIP_CONSTRAINT`, …) and read the value as the tool
 * reads it.
 */
import type { Env, Instruction } from 'dockerfile-ast';
import { sectionOf, substitute, type DockerModel, type RunCommand, type Section, type Stage } from './model';

/**
 * A variable's value where a command runs: its text, `UNKNOWN` when it is set to something the
 * file does not show (`ARG X` with no default, `ENV X=$UNSET`), undefined when it is not set.
 */
export type EnvValue = string | typeof UNKNOWN | undefined;

/** A variable that is set, to a value the file does not show. */
export const UNKNOWN: unique symbol = Symbol('unknown');

/** The `ENV`/`ARG` pairs of an instruction: name and value (`null` for `ARG` without a default). */
function pairs(ins: Instruction): [string, string | null][] {
  const withProps = ins as Instruction & Partial<Pick<Env, 'getProperties'>>;
  if (typeof withProps.getProperties !== 'function') return [];
  return withProps.getProperties().map((p) => [p.getName(), p.getValue()]);
}

/** The stage a stage is built `FROM`, when it is an earlier stage. */
function parentOf(m: DockerModel, st: Section): Stage | undefined {
  const image = (st as Partial<Stage>).image;
  if (!image?.isStage) return undefined;
  const name = image.text.toLowerCase();
  return m.stages.find((s) => s.index < st.index && s.name?.toLowerCase() === name);
}

/** The variables of a section just before `line` (ENV through parent stages, ARG of this section only). */
function sectionEnv(m: DockerModel, st: Section, line: number, depth = 0): Map<string, string | typeof UNKNOWN> {
  const parent = depth < 20 ? parentOf(m, st) : undefined;
  const env = new Map<string, string | typeof UNKNOWN>();
  if (parent) for (const [k, v] of sectionEnv(m, parent, Number.MAX_SAFE_INTEGER, depth + 1)) env.set(k, v);
  // ARGs are not inherited by a child stage; ENVs are (they are part of the image).
  if (parent) for (const di of parent.instructions) if (di.keyword === 'ARG' && !di.onbuild) for (const [k] of pairs(di.ins)) env.delete(k);
  for (const di of st.instructions) {
    if (di.onbuild || di.range.start.line >= line) continue;
    if (di.keyword !== 'ENV' && di.keyword !== 'ARG') continue;
    for (const [k, raw] of pairs(di.ins)) {
      if (raw === null) {
        // `ARG X` without a default: a global default of the same name applies, else --build-arg.
        const global = m.globalArgs.get(k);
        env.set(k, env.get(k) ?? (global === undefined ? UNKNOWN : global));
        continue;
      }
      const known = new Map<string, string | undefined>();
      for (const [name, value] of env) known.set(name, value === UNKNOWN ? undefined : value);
      const sub = substitute(raw, known);
      env.set(k, sub.unresolved ? UNKNOWN : sub.text);
    }
  }
  return env;
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;
/** `export a=1 b=2` up to the end of its statement. */
const EXPORT = /(?:^|[\s;&|(])export[ \t]+([^;&|\n]*)/g;

/** Strips one level of shell quoting from an assignment value written in the script. */
function unquote(v: string): string | typeof UNKNOWN {
  const q = /^(["'])(.*)\1$/s.exec(v);
  const inner = q ? q[2]! : v;
  return q?.[1] !== "'" && /[$`]/.test(inner) ? UNKNOWN : inner;
}

/** The value of `name` in the environment of command `c`. */
export function envOf(m: DockerModel, c: RunCommand, name: string): EnvValue {
  let value: EnvValue;
  const st = sectionOf(m, c.run.di.stage);
  if (st) value = sectionEnv(m, st, c.run.di.range.start.line).get(name);
  // `export NAME=value` earlier in the same script (the parser makes `export` a declaration, not a command).
  const script = c.segment.text.slice(0, c.cmd.start);
  for (const hit of script.matchAll(EXPORT)) {
    for (const word of hit[1]!.trim().split(/\s+/)) {
      const a = ASSIGNMENT.exec(word);
      if (a?.[1] === name) value = unquote(a[2]!);
    }
  }
  // `NAME=value cmd`, `env NAME=value cmd`, `sudo NAME=value cmd`: the words before the command name.
  const before = c.segment.text.slice(c.cmd.start, c.nameWord.start);
  for (const word of before.split(/\s+/)) {
    const hit = ASSIGNMENT.exec(word);
    if (hit?.[1] === name) value = unquote(hit[2]!);
  }
  return value;
}

/**
 * A boolean as Python's `strtobool` reads it, which pip uses for its options from the environment:
 * `y`, `yes`, `t`, `true`, `on`, `1` are true, `n`, `no`, `f`, `false`, `off`, `0` false (any case);
 * anything else is invalid and pip stops with an error.
 */
export function strtobool(v: string): boolean | undefined {
  const s = v.trim().toLowerCase();
  if (['y', 'yes', 't', 'true', 'on', '1'].includes(s)) return true;
  if (['n', 'no', 'f', 'false', 'off', '0'].includes(s)) return false;
  return undefined;
}
