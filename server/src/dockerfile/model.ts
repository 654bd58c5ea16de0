/**
 * One analysis of a Dockerfile that every Dockerfile rule shares: stages, resolved base images,
 * instructions (ONBUILD triggers included) and the shell commands of every `RUN`, each mapped back
 * to exact document ranges through line continuations, comments inside continuations and heredocs.
 * Built once per parsed document and cached.
 */
import type { From, Heredoc, Instruction, JSONInstruction, Onbuild, Run } from 'dockerfile-ast';
import type { DockerfileDocument } from '../parse/dockerfile';
import { parseImage, type ImageRef } from '../k8s/image';
import type { Range } from '../engine/types';
import { lineOfOffset } from '../engine/text';
import { parseShell, unwrap, type ShellCommand, type ShellScript, type ShellWord } from './shell';

/** An instruction with its stage and whether it is an `ONBUILD` trigger. */
export interface DfInstruction {
  readonly ins: Instruction;
  /** Upper-case keyword (`RUN`, `COPY`, …); for a trigger, the trigger's keyword. */
  readonly keyword: string;
  /** The whole instruction (for a trigger: the whole `ONBUILD …` line). */
  readonly range: Range;
  /** Index of the stage it belongs to; -1 before the first `FROM`. */
  readonly stage: number;
  readonly onbuild: boolean;
}

/** A `FROM` image after `ARG` defaults are substituted. */
export interface ResolvedImage {
  /** The image text after substitution. */
  readonly text: string;
  readonly ref: ImageRef;
  /** The range of the image argument in the document. */
  readonly range: Range;
  /** The `FROM` names an earlier stage, not an image. */
  readonly isStage: boolean;
  readonly isScratch: boolean;
  /** It still contains a variable with no known default. */
  readonly unresolved: boolean;
  /** It contained a variable that a default resolved. */
  readonly viaArg: boolean;
}

/**
 * A run of instructions that share a working state: a build stage, or the instructions before the
 * first `FROM` (a fragment that a build template includes, a file being typed), which the rules
 * treat as a stage of its own, as hadolint checks every instruction.
 */
export interface Section {
  /** The stage index; -1 for the instructions before the first `FROM`. */
  readonly index: number;
  readonly instructions: DfInstruction[];
  /** The shell of `RUN` is POSIX (not Windows `cmd`/PowerShell). */
  posix: boolean;
  /** The section's `SHELL` enables `pipefail`. */
  pipefail: boolean;
}

/** A build stage: its `FROM`, optional name, image and instructions. */
export interface Stage extends Section {
  readonly from: From;
  readonly name: string | undefined;
  readonly nameRange: Range | undefined;
  readonly image: ResolvedImage | undefined;
}

/** A piece of a `RUN` parsed as one script, with its offset map into the document. */
export interface RunSegment {
  readonly text: string;
  readonly script: ShellScript;
  /** The document range of logical offsets [start, end). */
  range(start: number, end: number): Range;
  /** The document offset of a logical offset. */
  offset(logical: number): number;
}

/** A simple command of a `RUN`, wrappers (`sudo`, `env`) stripped. */
export interface RunCommand {
  readonly run: RunInfo;
  readonly segment: RunSegment;
  readonly cmd: ShellCommand;
  /** The effective command name (after `sudo`/`env`), or '' when not literal. */
  readonly name: string;
  readonly nameWord: ShellWord;
  readonly args: readonly ShellWord[];
}

/** A `RUN` (or `ONBUILD RUN`) and what its shell does. */
export interface RunInfo {
  readonly di: DfInstruction;
  readonly run: Run;
  /** Exec form `RUN ["…"]`: no shell involved. */
  readonly execForm: boolean;
  /** The `--flag=value` options before the command, as written (e.g. `--mount=type=cache,target=/x`). */
  readonly flagText: string;
  /** The RUN has heredocs (`<<EOF`). */
  readonly heredoc: boolean;
  readonly segments: readonly RunSegment[];
  readonly commands: readonly RunCommand[];
  /** The shell was parsed (POSIX shell, parser available). */
  readonly analysed: boolean;
}

/** The shared analysis. */
export interface DockerModel {
  readonly doc: DockerfileDocument;
  readonly escape: string;
  readonly instructions: readonly DfInstruction[];
  readonly stages: readonly Stage[];
  /** The instructions before the first `FROM`, when there are any besides `ARG`s. */
  readonly preamble: Section | undefined;
  /** The instructions before the first `FROM`, `ARG`s included (the same object as `preamble` when that is set). */
  readonly head: Section;
  readonly runs: readonly RunInfo[];
  /** Defaults of the `ARG`s declared before the first `FROM`. */
  readonly globalArgs: ReadonlyMap<string, string | undefined>;
  /** Every `RUN` is analysed as far as it can be (false only while the shell parser is loading). */
  readonly complete: boolean;
}

const cache = new WeakMap<DockerfileDocument, DockerModel>();
/**
 * The entry made for an instruction. A re-parse keeps the instructions it did not touch (see
 * `parseDockerfile`), and with them their entries and `RUN` analyses, so a model build after an
 * edit allocates only for what changed.
 */
const entries = new WeakMap<Instruction, DfInstruction>();
/** The entry of an `ONBUILD`'s trigger, by the `ONBUILD`'s entry (null: it has none). */
const triggers = new WeakMap<DfInstruction, DfInstruction | null>();
/** The last stage built from each `FROM`, and the last preamble from each first instruction (see `build`). */
const keptStages = new WeakMap<From, Stage>();
const keptPreambles = new WeakMap<DfInstruction, Section>();
const POSIX_SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox']);

/** The analysis of a parsed Dockerfile (cached per document). */
export function dockerModel(doc: DockerfileDocument): DockerModel {
  let m = cache.get(doc);
  if (!m) {
    m = build(doc);
    // The shell parser may not be ready on the very first call; do not cache a partial analysis.
    if (m.complete) cache.set(doc, m);
  }
  return m;
}

/** Substitutes `$X`, `${X}`, `${X:-d}` from `vars`; reports whether something stayed unknown. */
export function substitute(
  text: string,
  vars: ReadonlyMap<string, string | undefined>,
): { text: string; unresolved: boolean; used: boolean } {
  let unresolved = false;
  let used = false;
  const out = text.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (_m, a: string, op: string, def: string, b: string) => {
      const name = a ?? b;
      used = true;
      const v = vars.get(name);
      if (op?.endsWith('-')) return v !== undefined && (op === '-' || v !== '') ? v : (def ?? '');
      if (op?.endsWith('+')) return v !== undefined && v !== '' ? (def ?? '') : '';
      if (v === undefined) {
        unresolved = true;
        return '';
      }
      return v;
    },
  );
  return { text: out, unresolved, used };
}

function keywordOf(ins: Instruction): string {
  return ins.getKeyword().toUpperCase();
}

function build(doc: DockerfileDocument): DockerModel {
  const ast = doc.ast;
  const escape = ast.getEscapeCharacter();
  const instructions: DfInstruction[] = [];
  const stages: Stage[] = [];
  const globalArgs = new Map<string, string | undefined>();
  const names = new Set<string>();
  const preamble: Section = { index: -1, instructions: [], posix: escape !== '`', pipefail: false };
  let stage = -1;
  for (const ins of ast.getInstructions()) {
    const kept = entries.get(ins);
    const keyword = kept?.keyword ?? keywordOf(ins);
    if (keyword === 'FROM') {
      stage++;
      const from = ins as From;
      const facts = fromFacts(from);
      const name = facts.name;
      const image = resolveImage(from, facts, globalArgs, names);
      const st: Stage = {
        index: stage,
        from,
        name,
        nameRange: facts.nameRange,
        image,
        instructions: [],
        posix: escape !== '`' && !/(^|\/)(windows|nanoserver|servercore)|windowsservercore/i.test(image?.text ?? ''),
        pipefail: false,
      };
      // A stage built FROM another stage inherits its shell.
      if (image?.isStage) {
        const parent = stages.find((s) => s.name?.toLowerCase() === image.text.toLowerCase());
        if (parent) {
          st.posix = parent.posix;
          st.pipefail = parent.pipefail;
        }
      }
      stages.push(st);
      if (name) names.add(name.toLowerCase());
    } else if (keyword === 'ARG' && stage === -1) {
      for (const p of ins.getArguments()) {
        const [k, ...v] = p.getValue().split('=');
        if (k) globalArgs.set(k, v.length ? v.join('=').replace(/^(["'])(.*)\1$/, '$2') : undefined);
      }
    } else if (keyword === 'SHELL') {
      const json = jsonStrings(ins);
      const st = stage >= 0 ? stages[stage]! : preamble;
      if (json) {
        const exe = (json[0] ?? '')
          .replace(/^.*[\\/]/, '')
          .replace(/\.exe$/i, '')
          .toLowerCase();
        st.posix = POSIX_SHELLS.has(exe);
        st.pipefail =
          st.posix &&
          json.some((a, i) => (a === '-o' && json[i + 1] === 'pipefail') || (/^-[a-z]*o$/.test(a) && json[i + 1] === 'pipefail'));
      }
    }
    let di = kept;
    if (di?.stage !== stage) {
      di = { ins, keyword, range: ins.getRange(), stage, onbuild: false };
      entries.set(ins, di);
    }
    instructions.push(di);
    (stage >= 0 ? stages[stage]! : preamble).instructions.push(di);
    if (keyword === 'ONBUILD') {
      let t = triggers.get(di);
      if (t === undefined) {
        const trigger = (ins as Onbuild).getTriggerInstruction();
        t = trigger ? { ins: trigger, keyword: keywordOf(trigger), range: ins.getRange(), stage, onbuild: true } : null;
        triggers.set(di, t);
      }
      if (t) {
        instructions.push(t);
        (stage >= 0 ? stages[stage]! : preamble).instructions.push(t);
      }
    }
  }
  const runs: RunInfo[] = [];
  for (const di of instructions) {
    if (di.keyword !== 'RUN') continue;
    runs.push(analyseRun(doc, di, escape, (stages[di.stage] ?? preamble).posix));
  }
  // A stage equal to the one built from the same FROM before (same instruction entries, same image
  // and shell) is that object again, so a rule can keep what it found in the stages an edit left alone.
  // Not before the shell parser is ready: what a rule found without it is not kept.
  const complete = runs.every((r) => r.analysed || r.execForm || !r.segments.length);
  for (let i = 0; complete && i < stages.length; i++) {
    const st = stages[i]!;
    const before = keptStages.get(st.from);
    if (before && sameStage(before, st)) stages[i] = before;
    else keptStages.set(st.from, st);
  }
  let section = preamble;
  const first = preamble.instructions[0];
  if (first && complete) {
    const before = keptPreambles.get(first);
    if (before && sameStage(before, preamble)) section = before;
    else keptPreambles.set(first, preamble);
  }
  const hasPreamble = section.instructions.some((i) => i.keyword !== 'ARG');
  return { doc, escape, instructions, stages, preamble: hasPreamble ? section : undefined, head: section, runs, globalArgs, complete };
}

/** Whether two builds of a section (from the same first instruction) came out the same. */
function sameStage<S extends Section>(a: S, b: S): boolean {
  if (a.posix !== b.posix || a.pipefail !== b.pipefail || a.index !== b.index) return false;
  if (a.instructions.length !== b.instructions.length) return false;
  for (let i = 0; i < a.instructions.length; i++) if (a.instructions[i] !== b.instructions[i]) return false;
  if (!('from' in a)) return true;
  const x = a as unknown as Stage;
  const y = b as unknown as Stage;
  const p = x.image;
  const q = y.image;
  return (
    x.name === y.name &&
    (p === q ||
      (p !== undefined &&
        q !== undefined &&
        p.text === q.text &&
        p.isStage === q.isStage &&
        p.isScratch === q.isScratch &&
        p.unresolved === q.unresolved &&
        p.viaArg === q.viaArg))
  );
}

/** What the model reads of a `FROM` itself (dockerfile-ast works each out again on every call). */
export interface FromFacts {
  readonly name: string | undefined;
  readonly nameRange: Range | undefined;
  readonly raw: string | undefined;
  readonly imageRange: Range | undefined;
}

const fromFactsOf = new WeakMap<From, FromFacts>();
/** The image last resolved for a `FROM`: the same object again while it resolves to the same. */
const resolvedOf = new WeakMap<From, ResolvedImage>();

/** What the model reads of a `FROM`, kept with it. */
export function fromFacts(from: From): FromFacts {
  let f = fromFactsOf.get(from);
  if (!f) {
    f = {
      name: from.getBuildStage() ?? undefined,
      nameRange: from.getBuildStageRange() ?? undefined,
      raw: from.getImage() ?? undefined,
      imageRange: from.getImageRange() ?? undefined,
    };
    fromFactsOf.set(from, f);
  }
  return f;
}

function resolveImage(
  from: From,
  facts: FromFacts,
  args: ReadonlyMap<string, string | undefined>,
  stageNames: ReadonlySet<string>,
): ResolvedImage | undefined {
  const raw = facts.raw;
  const range = facts.imageRange;
  if (!raw || !range) return undefined;
  const sub = substitute(raw, args);
  const text = sub.text;
  const isStage = stageNames.has(text.toLowerCase());
  const unresolved = sub.unresolved || text === '';
  const before = resolvedOf.get(from);
  if (before && before.text === text && before.isStage === isStage && before.unresolved === unresolved && before.viaArg === sub.used)
    return before;
  const image: ResolvedImage = {
    text,
    ref: parseImage(text),
    range,
    isStage,
    isScratch: text.toLowerCase() === 'scratch',
    unresolved,
    viaArg: sub.used,
  };
  resolvedOf.set(from, image);
  return image;
}

const jsonForms = new WeakMap<Instruction, readonly string[] | null>();

/** The strings of a JSON-form instruction, or undefined when it is not JSON form (once per instruction). */
export function jsonStrings(ins: Instruction): readonly string[] | undefined {
  let v = jsonForms.get(ins);
  if (v === undefined) jsonForms.set(ins, (v = readJsonStrings(ins) ?? null));
  return v ?? undefined;
}

function readJsonStrings(ins: Instruction): string[] | undefined {
  const content = ins.getRawArgumentsContent()?.trim();
  if (!content?.startsWith('[')) return undefined;
  try {
    const v: unknown = JSON.parse(content);
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
  } catch {
    const j = ins as JSONInstruction;
    return typeof j.getJSONStrings === 'function' ? j.getJSONStrings().map((s) => s.getValue()) : undefined;
  }
}

/** An argument of a `COPY` or `ADD` (the parser's, or several of them joined, see {@link copyArguments}). */
export interface CopyArgument {
  getValue(): string;
  getRange(): Range;
}

/**
 * The arguments of a `COPY` or `ADD` as written on the instruction itself: the lines of its heredoc
 * bodies (`COPY <<EOF /etc/app.conf`, then the file's text) are content, not sources or a destination,
 * and a quoted path with spaces (`"/app dir/"`), which the parser splits at the space, is one argument.
 * A heredoc marker (`<<EOF`) stays in the list, as the source it is.
 */
export function copyArguments(ins: Instruction): CopyArgument[] {
  let args: CopyArgument[] = ins.getArguments();
  const withHeredocs = ins as Instruction & { getHeredocs?: () => Heredoc[] };
  const first = typeof withHeredocs.getHeredocs === 'function' ? withHeredocs.getHeredocs()[0] : undefined;
  if (first) {
    const body = first.getContentRange() ?? first.getDelimiterRange();
    const line = first.getNameRange().start.line;
    args = args.filter((a) => {
      const s = a.getRange().start;
      return body ? s.line < body.start.line || (s.line === body.start.line && s.character < body.start.character) : s.line <= line;
    });
  }
  const out: CopyArgument[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const v = a.getValue();
    const q = v[0];
    if ((q !== '"' && q !== "'") || (v.length > 1 && v.endsWith(q))) {
      out.push(a);
      continue;
    }
    let j = i + 1;
    while (j < args.length && !args[j]!.getValue().endsWith(q)) j++;
    if (j >= args.length) {
      out.push(a);
      continue;
    }
    const parts = args.slice(i, j + 1);
    const value = parts.map((p) => p.getValue()).join(' ');
    const range = { start: a.getRange().start, end: args[j]!.getRange().end };
    out.push({ getValue: () => value, getRange: () => range });
    i = j;
  }
  return out;
}

/** Joined text with its map back to the document: runs of characters copied as they were. */
export interface JoinedText {
  readonly text: string;
  /** The document offset of a joined offset (the end of the joined text maps past its last character). */
  readonly offset: (logical: number) => number;
}

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const HASH = 35;

/** The first offset from `k` that is not a space or a tab (at most `end`). */
function skipBlanks(text: string, k: number, end: number): number {
  while (k < end && (text.charCodeAt(k) === SPACE || text.charCodeAt(k) === TAB)) k++;
  return k;
}

/**
 * Joins a Dockerfile logical line the way the builder does: the escape character before a line
 * break joins the lines, and blank or comment lines inside a continuation are dropped. The map back
 * to the document is kept as the runs of characters copied, a handful per instruction, rather than
 * an offset per character.
 */
export function joinLines(text: string, start: number, end: number, escape: string, stopAtNewline: boolean): JoinedText {
  const esc = escape.charCodeAt(0);
  const parts: string[] = [];
  // For each run: where it starts in the joined text and in the document.
  const runs: number[] = [];
  const docs: number[] = [];
  let length = 0;
  let i = start;
  while (i < end) {
    let j = i;
    for (; j < end; j++) {
      const c = text.charCodeAt(j);
      if (c === esc) {
        const k = skipBlanks(text, j + 1, end);
        if (k >= end || text.charCodeAt(k) === LF || text.charCodeAt(k) === CR) break;
      } else if (stopAtNewline && (c === LF || c === CR)) break;
    }
    if (j > i) {
      parts.push(text.slice(i, j));
      runs.push(length);
      docs.push(i);
      length += j - i;
    }
    i = j;
    if (j >= end || text.charCodeAt(j) !== esc) break;
    // An escape before a line break (blanks between allowed): skip the break, then the blank and
    // comment lines after it. An escape followed by nothing but blanks ends the text.
    let k = skipBlanks(text, j + 1, end);
    if (k >= end) break;
    k += text.charCodeAt(k) === CR && text.charCodeAt(k + 1) === LF ? 2 : 1;
    for (;;) {
      let m = skipBlanks(text, k, end);
      const c = m < end ? text.charCodeAt(m) : -1;
      if (c !== LF && c !== CR && c !== HASH) break;
      while (m < end && text.charCodeAt(m) !== LF) m++;
      k = m + 1;
    }
    i = k;
  }
  const last = i;
  return {
    text: parts.join(''),
    offset: (logical) => {
      if (logical >= length || !runs.length) return last;
      // The last run starting at or before `logical` (as a line is found from line starts).
      const run = lineOfOffset(runs, logical);
      return docs[run]! + Math.max(0, logical) - runs[run]!;
    },
  };
}

const HEREDOC_MARK = /<<-?[ \t]*(["']?)([A-Za-z_][A-Za-z0-9_]*)\1/g;

function segment(doc: DockerfileDocument, text: string, offset: (logical: number) => number, script: ShellScript): RunSegment {
  return {
    text,
    script,
    offset,
    range(start, end) {
      const e = end > start ? offset(end - 1) + 1 : offset(start);
      return doc.lines.range(offset(start), e);
    },
  };
}

/** What a `RUN` does, apart from where it sits: depends only on its text, the escape character and the shell. */
interface RunAnalysis extends Omit<RunInfo, 'di' | 'run' | 'commands'> {
  readonly commands: readonly Omit<RunCommand, 'run'>[];
}

/**
 * Analyses by instruction. A re-parse keeps the instructions of unchanged lines (see
 * `parseDockerfile`), so an edit re-analyses only the `RUN`s it touched. The ranges stay exact: a
 * kept instruction has the same lines at the same line numbers.
 */
const analyses = new WeakMap<Run, { escape: string; posix: boolean; analysis: RunAnalysis }>();
/** The RunInfo made for an entry; an entry is kept while its instruction stays in the same stage. */
const infos = new WeakMap<DfInstruction, { escape: string; posix: boolean; info: RunInfo }>();

function analyseRun(doc: DockerfileDocument, di: DfInstruction, escape: string, posix: boolean): RunInfo {
  const known = infos.get(di);
  if (known && known.escape === escape && known.posix === posix) return known.info;
  const run = di.ins as Run;
  const hit = analyses.get(run);
  let analysis = hit && hit.escape === escape && hit.posix === posix ? hit.analysis : undefined;
  if (!analysis) {
    analysis = analyse(doc, run, escape, posix);
    // The shell parser may not be ready yet; do not keep an analysis made without it.
    if (analysis.analysed || analysis.execForm || !analysis.segments.length) analyses.set(run, { escape, posix, analysis });
  }
  const commands: RunCommand[] = [];
  const a = analysis;
  const info: RunInfo = {
    di,
    run,
    execForm: a.execForm,
    flagText: a.flagText,
    heredoc: a.heredoc,
    segments: a.segments,
    commands,
    analysed: a.analysed,
  };
  for (const c of a.commands)
    commands.push({ run: info, segment: c.segment, cmd: c.cmd, name: c.name, nameWord: c.nameWord, args: c.args });
  if (analysis === analyses.get(run)?.analysis) infos.set(di, { escape, posix, info });
  return info;
}

function analyse(doc: DockerfileDocument, run: Run, escape: string, posix: boolean): RunAnalysis {
  const lines = doc.lines;
  // dockerfile-ast re-tokenises on every getArguments() call, so the flags and the command start are
  // found on the joined text instead.
  const afterKeyword = lines.offsetAt(run.getInstructionRange().end);
  const end = lines.offsetAt(run.getRange().end);
  const head = joinLines(doc.text, afterKeyword, end, escape, false);
  const lead = /^\s*((?:--\S+\s+)*)/.exec(head.text)!;
  const flagText = lead[1]!.trim();
  const heredoc = /<<-?\s*['"]?[A-Za-z_]/.test(head.text);
  const empty: RunAnalysis = { execForm: false, flagText, heredoc, segments: [], commands: [], analysed: false };
  if (lead[0].length >= head.text.length) return empty;
  const skip = lead[0].length;
  const start = head.offset(skip);
  if (doc.text[start] === '[' && jsonStrings(run)) return { ...empty, execForm: true };
  if (!posix) return empty;
  const heredocs: Heredoc[] = heredoc && typeof run.getHeredocs === 'function' ? run.getHeredocs() : [];
  // Without heredocs the script is the rest of the joined text; with them it stops at the first line break.
  const main: JoinedText = heredocs.length
    ? joinLines(doc.text, start, end, escape, true)
    : { text: head.text.slice(skip), offset: (l) => head.offset(Math.max(0, l) + skip) };
  let mainText = main.text;
  if (heredocs.length) mainText = mainText.replace(HEREDOC_MARK, (m) => ' '.repeat(m.length));
  const mainScript = parseShell(mainText);
  if (!mainScript) return empty;
  const segments: RunSegment[] = [segment(doc, mainText, main.offset, mainScript)];
  const firstName = mainScript.commands[0] ? unwrap(mainScript.commands[0]).name.value : undefined;
  const bodyIsScript = mainScript.commands.length === 0 || POSIX_SHELLS.has((firstName ?? '').replace(/^.*\//, ''));
  if (bodyIsScript) {
    for (const h of heredocs) {
      const cr = h.getContentRange();
      if (!cr) continue;
      const s = lines.offsetAt(cr.start);
      const e = lines.offsetAt(cr.end);
      const body = doc.text.slice(s, e);
      const script = parseShell(body);
      if (!script) return empty;
      segments.push(segment(doc, body, (l) => s + Math.max(0, Math.min(l, body.length)), script));
    }
  }
  const commands: RunAnalysis['commands'][number][] = [];
  for (const seg of segments) {
    for (const cmd of seg.script.commands) {
      const u = unwrap(cmd);
      commands.push({ segment: seg, cmd, name: (u.name.value ?? '').replace(/^.*\//, ''), nameWord: u.name, args: u.args });
    }
  }
  return { execForm: false, flagText, heredoc, segments, commands, analysed: true };
}

/** Literal values of a command's arguments ('' for non-literal ones). */
export function argValues(c: RunCommand): string[] {
  return c.args.map((a) => a.value ?? '');
}

/** Whether any argument equals one of the flags (short flags may be bundled: `-qy`). */
export function hasFlag(c: RunCommand, long: readonly string[], short = ''): boolean {
  for (const a of c.args) {
    const v = a.value ?? '';
    if (long.includes(v) || long.some((l) => v.startsWith(`${l}=`))) return true;
    if (short && /^-[A-Za-z0-9]+$/.test(v) && [...short].some((ch) => v.includes(ch))) return true;
  }
  return false;
}

/** The sub-command (first non-option argument) and the arguments after it. */
export function subcommand(c: RunCommand, optionsWithValue: readonly string[] = []): { sub: string; index: number } | undefined {
  for (let i = 0; i < c.args.length; i++) {
    const v = c.args[i]!.value ?? '';
    if (v.startsWith('-')) {
      if (optionsWithValue.includes(v)) i++;
      continue;
    }
    return { sub: v, index: i };
  }
  return undefined;
}

/** The package arguments after a sub-command: non-option words (skipping option values). */
export function packageArgs(c: RunCommand, from: number, optionsWithValue: readonly string[] = []): ShellWord[] {
  const out: ShellWord[] = [];
  for (let i = from; i < c.args.length; i++) {
    const w = c.args[i]!;
    const v = w.value ?? w.raw;
    if (v.startsWith('-')) {
      if (optionsWithValue.includes(v)) i++;
      continue;
    }
    out.push(w);
  }
  return out;
}

/** The final stage (the image `docker build` produces without `--target`). */
export function finalStage(m: DockerModel): Stage | undefined {
  return m.stages[m.stages.length - 1];
}

/** The section an instruction belongs to (its `stage`; -1 is the preamble). */
export function sectionOf(m: DockerModel, stage: number): Section | undefined {
  return stage >= 0 ? m.stages[stage] : m.preamble;
}

/** Every section: the preamble (when there is one), then the stages. */
export function sections(m: DockerModel): Section[] {
  return m.preamble ? [m.preamble, ...m.stages] : [...m.stages];
}

/** The last section: the final stage, or for a file with no `FROM`, its preamble. */
export function finalSection(m: DockerModel): Section | undefined {
  return m.stages[m.stages.length - 1] ?? m.preamble;
}

/**
 * Whether a stage starts from nothing: `FROM scratch`, directly or through earlier stages, with
 * nothing copied or added into it (or into those stages) before `before` (a line). A `RUN` there has
 * no shell and no programs to run.
 */
export function emptyScratch(m: DockerModel, st: Stage, before: number): boolean {
  let cur: Stage | undefined = st;
  let line = before;
  for (let depth = 0; cur && depth < 20; depth++) {
    if (cur.instructions.some((i) => !i.onbuild && (i.keyword === 'COPY' || i.keyword === 'ADD') && i.range.start.line < line))
      return false;
    const image: ResolvedImage | undefined = cur.image;
    if (!image || image.unresolved) return false;
    if (image.isScratch) return true;
    if (!image.isStage) return false;
    const index: number = cur.index;
    const name = image.text.toLowerCase();
    cur = m.stages.find((s) => s.index < index && s.name?.toLowerCase() === name);
    line = Number.MAX_SAFE_INTEGER;
  }
  return false;
}
