/** Small helpers the Dockerfile rules share: finding commands, ranges and edits. */
import type { Arg, Env, Property } from 'dockerfile-ast';
import type { RuleContext } from '../engine/rule';
import { comparePositions } from '../engine/text';
import type { Finding, Fix, Range, TextEdit } from '../engine/types';
import { dockerModel, type DfInstruction, type DockerModel, type RunCommand, type RunInfo, type Section, type Stage } from './model';
import type { ShellWord } from './shell';

/** The variables an instruction declares: every property of an `ENV`, the one of an `ARG`, none otherwise. */
export function declaredProperties(di: Pick<DfInstruction, 'keyword' | 'ins'>): Property[] {
  if (di.keyword === 'ENV') return (di.ins as Env).getProperties();
  if (di.keyword !== 'ARG') return [];
  const p = (di.ins as Arg).getProperty();
  return p ? [p] : [];
}

/** The model of the linted Dockerfile. */
export function modelOf(ctx: RuleContext<'dockerfile'>): DockerModel {
  return dockerModel(ctx.doc);
}

/** Most `RUN` rules read every command; the list is made once per model. */
const commandsOf = new WeakMap<DockerModel, readonly RunCommand[]>();

/** By key, what was found in each part of the model (one map per key, not one per part: an edit makes new parts). */
const kept = new Map<string, WeakMap<object, readonly Finding[]>>();

/** The findings kept under `key`. */
function keptUnder(key: string): WeakMap<object, readonly Finding[]> {
  let byPart = kept.get(key);
  if (!byPart) kept.set(key, (byPart = new WeakMap()));
  return byPart;
}

/** What `find` gives for one part of the model, kept with that part in `byPart`. */
function keptFindings<T extends object>(
  byPart: WeakMap<object, readonly Finding[]>,
  part: T,
  find: (part: T) => readonly Finding[],
): readonly Finding[] {
  let found = byPart.get(part);
  if (!found) byPart.set(part, (found = find(part)));
  return found;
}

/**
 * The findings of a rule that looks at each section on its own (the instructions before the first
 * `FROM`, `ARG`s included, then each stage), in document order. A section an edit left alone is the
 * same object in the next model (see `dockerModel`), and what `find` gave for it is kept with it, so
 * an edit re-checks only the sections it changed. `key` names the rule and whatever else `find`
 * reads (an option's value): `find` must read nothing of the file outside the section.
 */
export function findingsBySection(ctx: RuleContext<'dockerfile'>, key: string, find: (st: Section) => readonly Finding[]): Finding[] {
  const m = modelOf(ctx);
  const byPart = keptUnder(key);
  const out: Finding[] = [];
  for (const f of keptFindings(byPart, m.head, find)) out.push(f);
  for (const st of m.stages) for (const f of keptFindings(byPart, st, find)) out.push(f);
  return out;
}

/** {@link findingsBySection} for a rule that looks at each instruction on its own: `find` adds an instruction's findings to `out`. */
export function findingsByInstruction(
  ctx: RuleContext<'dockerfile'>,
  key: string,
  find: (di: DfInstruction, out: Finding[]) => void,
): Finding[] {
  return findingsBySection(ctx, key, (st) => {
    const out: Finding[] = [];
    for (const di of st.instructions) find(di, out);
    return out;
  });
}

/**
 * The findings of a rule that looks at each `RUN` on its own, in document order, kept with the
 * `RUN`'s analysis (the same object while the edit leaves the instruction, its stage and its shell
 * alone), as {@link findingsBySection} does for sections.
 */
export function findingsByRun(ctx: RuleContext<'dockerfile'>, key: string, find: (run: RunInfo) => readonly Finding[]): Finding[] {
  const byPart = keptUnder(key);
  const out: Finding[] = [];
  for (const run of modelOf(ctx).runs) for (const f of keptFindings(byPart, run, find)) out.push(f);
  return out;
}

/** Every analysed shell command of every `RUN`, in document order. */
export function allCommands(ctx: RuleContext<'dockerfile'>): readonly RunCommand[] {
  const model = modelOf(ctx);
  let out = commandsOf.get(model);
  if (!out) {
    out = model.runs.flatMap((r) => r.commands);
    commandsOf.set(model, out);
  }
  return out;
}

/**
 * The installing commands of the final stage's `RUN`s that leave the package manager's cache in
 * the layer: `installs` picks the first installing command of a `RUN`, `cleans` a command that
 * removes the cache; a cache mount (`--mount=type=cache`) keeps the cache out of the layer too.
 */
export function uncleanedInstalls(
  ctx: RuleContext<'dockerfile'>,
  installs: (c: RunCommand) => boolean,
  cleans: (c: RunCommand) => boolean,
): RunCommand[] {
  const out: RunCommand[] = [];
  const m = modelOf(ctx);
  for (const r of m.runs) {
    if (r.di.stage !== m.stages.length - 1) continue;
    const inst = r.commands.find(installs);
    if (!inst || r.commands.some(cleans) || /--mount=\S*type=cache/.test(r.flagText)) continue;
    out.push(inst);
  }
  return out;
}

/** The document range of a shell word. */
export function wordRange(c: RunCommand, w: ShellWord): Range {
  return c.segment.range(w.start, w.end);
}

/** The range of a command's name (after wrappers such as `sudo`). */
export function nameRange(c: RunCommand): Range {
  return wordRange(c, c.nameWord);
}

export function sameRange(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;
}

/** The command whose name range is `range` (how fixes find their command again). */
export function commandAt(ctx: RuleContext<'dockerfile'>, range: Range): RunCommand | undefined {
  return allCommands(ctx).find((c) => sameRange(nameRange(c), range));
}

/** An edit inserting `text` right after a word. */
export function insertAfter(ctx: RuleContext<'dockerfile'>, c: RunCommand, w: ShellWord, text: string): TextEdit {
  const pos = ctx.doc.lines.positionAt(c.segment.offset(w.end - 1) + 1);
  return { range: { start: pos, end: pos }, newText: text };
}

/** A finding on a command's name. */
export function onName(c: RunCommand, message: string, data?: unknown): Finding {
  return data === undefined ? { message, range: nameRange(c) } : { message, range: nameRange(c), data };
}

/** A one-edit fix. */
export function fixOf(title: string, ...edits: TextEdit[]): Fix {
  return { title, edits };
}

/** Name of the program run by `sh`, `bash`, … (basename). */
export const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);

/** Whether any command of the same RUN satisfies `pred`. */
export function sameRun(c: RunCommand, pred: (o: RunCommand) => boolean): boolean {
  return c.run.commands.some(pred);
}

/** The line-start offset and indentation of the line holding `offset`. */
export function lineIndent(text: string, offset: number): string {
  let s = offset;
  while (s > 0 && text[s - 1] !== '\n') s--;
  return /^[ \t]*/.exec(text.slice(s))![0];
}

/** Escape-character-aware newline continuation for inserted text. */
export function continuation(ctx: RuleContext<'dockerfile'>): string {
  return ` ${ctx.doc.ast.getEscapeCharacter()}\n`;
}

/**
 * Whether a heredoc (`<<EOF`, `<<-"EOF"`) never meets its terminator line. Everything after such a
 * marker is its body, so a line a fix inserts there would become part of a script, not an
 * instruction, and the finding would never go away.
 */
export function unterminatedHeredoc(text: string): boolean {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*#/.test(line)) continue;
    const markers = [...line.matchAll(/(?<!<)<<(?!<)(-?)\s*(["']?)([A-Za-z_][\w.-]*)\2/g)];
    for (const m of markers) {
      const strip = m[1] === '-';
      const word = m[3]!;
      let j = i + 1;
      while (j < lines.length && (strip ? lines[j]!.replace(/^\t+/, '') : lines[j]) !== word) j++;
      if (j >= lines.length) return true;
      i = j;
    }
  }
  return false;
}

/** A stage and the earlier stages it is built `FROM`, nearest first. */
export function stageChain(m: DockerModel, st: Stage): Stage[] {
  const out = [st];
  let cur: Stage | undefined = st;
  while (cur?.image?.isStage) {
    const name = cur.image.text.toLowerCase();
    const index: number = cur.index;
    cur = m.stages.find((s) => s.index < index && s.name?.toLowerCase() === name);
    if (cur) out.push(cur);
  }
  return out;
}

const INSTALLERS: Record<string, readonly string[]> = {
  'apt-get': ['install'],
  apt: ['install'],
  apk: ['add'],
  yum: ['install'],
  dnf: ['install'],
  microdnf: ['install'],
  zypper: ['install', 'in'],
};

/** Whether a package manager installs `pkg` in `st` or a stage it is built from. */
export function installsPackage(m: DockerModel, st: Stage, pkg: string): boolean {
  const stages = new Set(stageChain(m, st).map((s) => s.index));
  const re = new RegExp(`^${pkg}([=<>~].*)?$`);
  return m.runs.some(
    (r) =>
      stages.has(r.di.stage) &&
      !r.di.onbuild &&
      r.commands.some((c) => {
        const subs = INSTALLERS[c.name];
        if (!subs) return false;
        const sub = c.args.findIndex((a) => subs.includes(a.value ?? ''));
        return sub >= 0 && c.args.slice(sub + 1).some((a) => re.test(a.value ?? ''));
      }),
  );
}
