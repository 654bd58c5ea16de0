/**
 * Shell parsing for `RUN` bodies, on tree-sitter-bash (compiled to WebAssembly, driven by
 * web-tree-sitter). The grammar is the one editors use for Bash; it handles heredocs, `&&`/`||`
 * chains, pipes, subshells, command substitution and quoting, and it is error-tolerant.
 *
 * web-tree-sitter only offers an asynchronous `init`, while rules are synchronous. The engine
 * awaits {@link loadShell} before it checks a Dockerfile (see `EngineReady`); {@link parseShell}
 * throws when called before that, so a host that forgets cannot lint with the shell rules silently
 * off. When the parser failed to load, `loadShell` rejects and `parseShell` returns `undefined`: the
 * engine reports the failure on every Dockerfile.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Language, Parser, type Node, type TreeCursor } from 'web-tree-sitter';
import { commonPrefixLength, commonSuffixLength } from '../engine/text';

/** One shell word: its source text, its value when it is a literal, and its offsets. */
export interface ShellWord {
  readonly raw: string;
  /** The word after quote removal, or undefined when it contains an expansion. */
  readonly value: string | undefined;
  readonly start: number;
  readonly end: number;
}

/** A simple command: `name arg…`, with offsets into the parsed text. */
export interface ShellCommand {
  readonly name: ShellWord;
  readonly args: readonly ShellWord[];
  readonly start: number;
  readonly end: number;
  /** Inside `$(…)` or backticks. */
  readonly inSubstitution: boolean;
}

/** A pipeline `a | b | c`: the offsets of each stage and of each `|` operator. */
export interface ShellPipeline {
  readonly stages: readonly { start: number; end: number }[];
  readonly operators: readonly { start: number; end: number }[];
}

/** A parsed script: its commands in source order and its pipelines. */
export interface ShellScript {
  readonly commands: readonly ShellCommand[];
  readonly pipelines: readonly ShellPipeline[];
  /** The parser had to recover from a syntax error somewhere. */
  readonly hasError: boolean;
}

let parser: Parser | undefined;

function wasmPath(pkg: string, file: string): string {
  // In the bundle the .wasm files sit beside the script; from tsc output they are in node_modules.
  const local = path.join(__dirname, file);
  if (fs.existsSync(local)) return local;
  return require.resolve(`${pkg}/${file}`);
}

/** The slice of the WebAssembly API used here (the project's `lib` has no DOM types). */
interface Wasm {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
}
const WA = (globalThis as unknown as { WebAssembly: Wasm }).WebAssembly;

async function init(): Promise<void> {
  const core = new WA.Module(fs.readFileSync(wasmPath('web-tree-sitter', 'web-tree-sitter.wasm')));
  const options = {
    instantiateWasm(imports: object, done: (instance: object, module: object) => void) {
      const instance = new WA.Instance(core, imports);
      done(instance, core);
      return instance.exports;
    },
  };
  await Parser.init(options as Parameters<typeof Parser.init>[0]);
  const bash = Language.loadSync(
    new WA.Module(fs.readFileSync(wasmPath('tree-sitter-bash', 'tree-sitter-bash.wasm'))) as Parameters<typeof Language.loadSync>[0],
  );
  const p = new Parser();
  p.setLanguage(bash);
  parser = p;
}

/** Whether {@link init} has settled (either way). */
let settled = false;
let loading: Promise<void> | undefined;

/**
 * Loads the shell parser on the first call (a workspace without Dockerfiles never compiles the
 * WebAssembly); resolves once it is usable, rejects with the reason it could not be loaded.
 */
export function loadShell(): Promise<void> {
  if (!loading) {
    loading = init().finally(() => {
      settled = true;
    });
    // The engine reports a failure when it awaits this; nobody else need handle it.
    loading.catch(() => undefined);
  }
  return loading;
}

/** {@link loadShell} as a value to await: awaiting it starts the load. */
export const shellReady: PromiseLike<void> = { then: (done, failed) => loadShell().then(done, failed) };

const CACHE_LIMIT = 2000;
/** Parsed scripts by text, with their statements when they parsed without error. */
const cache = new Map<string, { readonly script: ShellScript; readonly split?: Split }>();

/** A top-level statement of a script (what `&&`, `||`, `;`, `&` or a line break separate), with what it holds. */
interface Statement {
  readonly start: number;
  readonly end: number;
  readonly commands: readonly ShellCommand[];
  readonly pipelines: readonly ShellPipeline[];
}

/** A recently parsed script that parsed without error, cut into its top-level statements. */
interface Split {
  readonly text: string;
  readonly statements: readonly Statement[];
}

/** The last few scripts parsed: an edit usually changes one of them, one keystroke at a time. */
const RECENT_LIMIT = 4;
const recent: Split[] = [];

/**
 * Parses a script; results are cached by text. A script that differs from a recently parsed one
 * in some of its top-level statements has only those parsed again (see {@link reparse}): the `RUN`
 * of an official image is often one chain of fifty commands, and a keystroke in it changes one.
 */
export function parseShell(text: string): ShellScript | undefined {
  let entry = cache.get(text);
  if (entry) cache.delete(text);
  else {
    if (!parser) {
      if (!settled) throw new Error('The shell parser was used before it was loaded (await the engine first).');
      return undefined;
    }
    const parsed = reparse(text) ?? parseSplit(text);
    if (!parsed) return undefined;
    entry = 'statements' in parsed ? { script: joined(parsed.statements), split: parsed } : { script: parsed };
  }
  cache.set(text, entry);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  // The next edit most likely starts from this text (an undo returns to a cached one).
  if (entry.split) remember(entry.split);
  return entry.script;
}

/** A parse from scratch, with no cache and nothing remembered (what an incremental parse must equal). */
export function parseShellWhole(text: string): ShellScript | undefined {
  const split = parseSplit(text);
  return split && 'statements' in split ? joined(split.statements) : split;
}

function remember(split: Split): void {
  if (recent[0] === split) return;
  const i = recent.indexOf(split);
  if (i >= 0) recent.splice(i, 1);
  recent.unshift(split);
  if (recent.length > RECENT_LIMIT) recent.pop();
}

function joined(statements: readonly Statement[]): ShellScript {
  if (statements.length === 1) return { commands: statements[0]!.commands, pipelines: statements[0]!.pipelines, hasError: false };
  return { commands: statements.flatMap((s) => s.commands), pipelines: statements.flatMap((s) => s.pipelines), hasError: false };
}

/**
 * Parses a whole script. Without a syntax error it comes back cut into its top-level statements;
 * with one (or when the cut is not safe, see {@link statementRanges}) as a plain script.
 */
function parseSplit(text: string, changed = false): Split | ShellScript | undefined {
  const tree = parser?.parse(text);
  if (!tree) return undefined;
  try {
    let script: ShellScript;
    try {
      script = extract(tree.rootNode, text);
    } catch (e) {
      // Quote removal still recurses into nested words; a pathologically deep one overflows the stack.
      // Treat the script as unparsed so the shell rules stay silent instead of failing.
      if (!(e instanceof RangeError)) throw e;
      return { commands: [], pipelines: [], hasError: true };
    }
    const ranges = script.hasError ? undefined : statementRanges(tree.rootNode, changed);
    return ranges && plainGaps(text, ranges) ? { text, statements: cut(script, ranges) } : script;
  } finally {
    tree.delete();
  }
}

/**
 * The top-level statements of a parsed script: the children of the program and of the `list`
 * nodes that chain them. Undefined when there is none, or when there is a comment at the top level
 * (it runs to the end of its line, over whatever follows it). For `changed` statements parsed
 * between stand-ins, also when one of them is a bare assignment, whose command tree-sitter-bash
 * looks for on the lines after it.
 */
function statementRanges(root: Node, changed: boolean): { start: number; end: number }[] | undefined {
  const out: { start: number; end: number }[] = [];
  const cursor = root.walk();
  try {
    if (!cursor.gotoFirstChild()) return undefined;
    let depth = 1;
    for (;;) {
      const type = cursor.nodeType;
      if (type === 'list' && cursor.gotoFirstChild()) {
        depth++;
        continue;
      }
      if (type === 'comment' || (changed && type.startsWith('variable_assignment'))) return undefined;
      if (cursor.nodeIsNamed) out.push({ start: cursor.startIndex, end: cursor.endIndex });
      while (!cursor.gotoNextSibling()) {
        if (--depth === 0) return out.length ? out : undefined;
        cursor.gotoParent();
      }
    }
  } finally {
    cursor.delete();
  }
}

/**
 * Whether only blanks and operators lie between, before and after the statements. Anything else
 * (an escaped line break after the last one, say) could read differently beside a changed statement.
 */
function plainGaps(text: string, ranges: readonly { start: number; end: number }[]): boolean {
  const plain = (from: number, to: number) => /^[\s;&|]*$/.test(text.slice(from, to));
  return ranges.every((r, i) => plain(i ? ranges[i - 1]!.end : 0, r.start)) && plain(ranges[ranges.length - 1]!.end, text.length);
}

/** Assigns a script's commands and pipelines to its statements. */
function cut(script: ShellScript, ranges: readonly { start: number; end: number }[]): Statement[] {
  let c = 0;
  let p = 0;
  return ranges.map((range) => {
    const commands: ShellCommand[] = [];
    const pipelines: ShellPipeline[] = [];
    while (c < script.commands.length && script.commands[c]!.start < range.end) commands.push(script.commands[c++]!);
    while (p < script.pipelines.length && (script.pipelines[p]!.stages[0]?.start ?? range.start) < range.end)
      pipelines.push(script.pipelines[p++]!);
    return { start: range.start, end: range.end, commands, pipelines };
  });
}

function shiftWord(w: ShellWord, by: number): ShellWord {
  return { raw: w.raw, value: w.value, start: w.start + by, end: w.end + by };
}

function shiftCommand(c: ShellCommand, by: number): ShellCommand {
  return {
    name: shiftWord(c.name, by),
    args: c.args.map((a) => shiftWord(a, by)),
    start: c.start + by,
    end: c.end + by,
    inSubstitution: c.inSubstitution,
  };
}

function shiftPipeline(p: ShellPipeline, by: number): ShellPipeline {
  const shift = (r: { start: number; end: number }) => ({ start: r.start + by, end: r.end + by });
  return { stages: p.stages.map(shift), operators: p.operators.map(shift) };
}

function shiftStatement(s: Statement, by: number): Statement {
  if (by === 0) return s;
  return {
    start: s.start + by,
    end: s.end + by,
    commands: s.commands.map((c) => shiftCommand(c, by)),
    pipelines: s.pipelines.map((p) => shiftPipeline(p, by)),
  };
}

/**
 * Parses `text` by re-parsing only the statements of a recent script that changed, when they parse
 * without error between stand-ins for their neighbours. The neighbours are then read exactly as
 * before: each statement starts where the parser expects a new one, the changed ones end complete
 * (no open quote, bracket, compound or here-document, no trailing operator or escape, no comment
 * reaching into the next statement), and nothing outside them changed. Of the recent scripts, the
 * one that leaves the least to parse is taken.
 * The unit tests hold this against parses from scratch over seeded edits of the corpus.
 */
function reparse(text: string): Split | undefined {
  let best: { old: Split; first: number; last: number; delta: number; size: number } | undefined;
  for (const old of recent) {
    // The texts agree before the first changed statement and after the last. Prefix and suffix may
    // overlap: an insertion after `curl` of ` wget` is also one of `wget ` after `curl `.
    const prefix = commonPrefixLength(old.text, text);
    const suffix = commonSuffixLength(old.text, text, Math.min(old.text.length, text.length));
    const delta = text.length - old.text.length;
    const st = old.statements;
    let first = -1;
    while (first + 1 < st.length && st[first + 1]!.start <= prefix) first++;
    if (first < 0) continue;
    let last = first;
    while (last < st.length && st[last]!.end < old.text.length - suffix) last++;
    if (last === st.length || st[last]!.end + delta < st[first]!.start) continue;
    const size = st[last]!.end + delta - st[first]!.start;
    if (!best || size < best.size) best = { old, first, last, delta, size };
  }
  if (!best) return undefined;
  const { old, first, last, delta } = best;
  const start = old.statements[first]!.start;
  const body = text.slice(start, old.statements[last]!.end + delta);
  if (joinsNeighbours(body)) return undefined;
  // The statements are parsed between the same separators as in the script, with `:` standing in
  // for the neighbours, so that the parser sees what follows and precedes them (tree-sitter-bash
  // reads ``x`y`&&`` differently from ``x`y` &&``); the stand-ins must come back as statements of
  // their own.
  const previous = old.statements[first - 1];
  const next = old.statements[last + 1];
  const before = previous ? `:${text.slice(previous.end, start)}` : text.slice(0, start);
  const after = next ? `${text.slice(start + body.length, next.start + delta)}:` : text.slice(start + body.length);
  const padded = before + body + after;
  const fresh = parseSplit(padded, true);
  if (!fresh || !('statements' in fresh)) return undefined;
  let inner = fresh.statements;
  if (previous) {
    if (inner[0]?.end !== 1) return undefined;
    inner = inner.slice(1);
  }
  if (next) {
    if (inner[inner.length - 1]?.start !== padded.length - 1) return undefined;
    inner = inner.slice(0, -1);
  }
  if (!inner.length) return undefined;
  const statements = [
    ...old.statements.slice(0, first),
    ...inner.map((s) => shiftStatement(s, start - before.length)),
    ...old.statements.slice(last + 1).map((s) => shiftStatement(s, delta)),
  ];
  return { text, statements };
}

/**
 * Whether changed statements could read differently beside their neighbours than between the
 * stand-ins, by their text alone: a here-document reads the lines after it; an operator or an escape
 * at either end joins the neighbours, and a blank at either end (a line break before `&&`, say)
 * changes what separates them; a `$` at the end reads differently before a `;`.
 */
function joinsNeighbours(body: string): boolean {
  return /<<|^[\s;&|\\]|[\s;&|\\$]$/.test(body);
}

/** Quote removal for literal words; undefined when the word expands something. */
function literal(node: Node, text: string): string | undefined {
  const raw = text.slice(node.startIndex, node.endIndex);
  switch (node.type) {
    case 'word':
    case 'number':
    case 'command_name':
      if (node.type === 'command_name') {
        const c = node.firstNamedChild;
        return c ? literal(c, text) : raw;
      }
      return raw.replace(/\\(.)/g, '$1');
    case 'raw_string':
      return raw.slice(1, -1);
    case 'string': {
      for (const c of node.namedChildren) {
        if (!c || c.type !== 'string_content') return undefined;
      }
      return raw.slice(1, -1).replace(/\\([$`"\\])/g, '$1');
    }
    case 'concatenation': {
      let out = '';
      for (const c of node.children) {
        if (!c) continue;
        const v = literal(c, text);
        if (v === undefined) return undefined;
        out += v;
      }
      return out;
    }
    default:
      return undefined;
  }
}

function word(node: Node, text: string): ShellWord {
  return { raw: text.slice(node.startIndex, node.endIndex), value: literal(node, text), start: node.startIndex, end: node.endIndex };
}

/**
 * The word at the cursor. Plain words (most of them) are read from the cursor itself: materialising
 * a node costs a copy out of the parser's memory, which made up much of the walk.
 */
function wordAt(cursor: TreeCursor, text: string): ShellWord {
  const start = cursor.startIndex;
  const end = cursor.endIndex;
  const raw = text.slice(start, end);
  let type = cursor.nodeType;
  let inner = raw;
  if (type === 'command_name') {
    // The name is its one named child; without one, the name is taken as written.
    if (!cursor.gotoFirstChild()) return { raw, value: raw, start, end };
    while (!cursor.nodeIsNamed && cursor.gotoNextSibling());
    const named = cursor.nodeIsNamed;
    type = cursor.nodeType;
    inner = text.slice(cursor.startIndex, cursor.endIndex);
    cursor.gotoParent();
    if (!named) return { raw, value: raw, start, end };
  }
  if (type === 'word' || type === 'number') return { raw, value: inner.replace(/\\(.)/g, '$1'), start, end };
  return word(cursor.currentNode, text);
}

/**
 * Walks the tree once with a cursor (iteratively: no recursion depth to overflow, and no child
 * arrays allocated), collecting the simple commands and the pipelines.
 */
function extract(root: Node, text: string): ShellScript {
  const commands: ShellCommand[] = [];
  const pipelines: ShellPipeline[] = [];
  const cursor = root.walk();
  // The depths of the command substitutions the cursor is inside.
  const substitutions: number[] = [];
  let depth = 0;
  try {
    for (;;) {
      if (cursor.nodeIsNamed) {
        const type = cursor.nodeType;
        // Whether the node may hold commands or pipelines (a command's words may substitute one).
        let nested = true;
        if (type === 'command') {
          const start = cursor.startIndex;
          const end = cursor.endIndex;
          let name: ShellWord | undefined;
          const args: ShellWord[] = [];
          // A command whose children are all literal words has no substitution inside to visit.
          nested = false;
          if (cursor.gotoFirstChild()) {
            do {
              const field = cursor.currentFieldName;
              let w: ShellWord | undefined;
              if (field === 'name') w = name = wordAt(cursor, text);
              else if (field === 'argument') args.push((w = wordAt(cursor, text)));
              if (w ? w.value === undefined : cursor.nodeIsNamed) nested = true;
            } while (cursor.gotoNextSibling());
            cursor.gotoParent();
          }
          if (name) commands.push({ name, args, start, end, inSubstitution: substitutions.length > 0 });
        } else if (type === 'pipeline') {
          const stages: { start: number; end: number }[] = [];
          const operators: { start: number; end: number }[] = [];
          if (cursor.gotoFirstChild()) {
            do {
              const t = cursor.nodeType;
              if (t === '|' || t === '|&') operators.push({ start: cursor.startIndex, end: cursor.endIndex });
              else if (cursor.nodeIsNamed) stages.push({ start: cursor.startIndex, end: cursor.endIndex });
            } while (cursor.gotoNextSibling());
            cursor.gotoParent();
          }
          pipelines.push({ stages, operators });
        } else if (type === 'command_substitution') {
          substitutions.push(depth);
        }
        // Named nodes are entered; anonymous ones are tokens without named children.
        if (nested && cursor.gotoFirstChild()) {
          depth++;
          continue;
        }
      }
      // Leave the node (and its ancestors while they have no next sibling).
      for (;;) {
        if (substitutions[substitutions.length - 1] === depth) substitutions.pop();
        if (cursor.gotoNextSibling()) break;
        if (depth === 0 || !cursor.gotoParent()) {
          commands.sort((x, y) => x.start - y.start);
          return { commands, pipelines, hasError: root.hasError };
        }
        depth--;
      }
    }
  } finally {
    cursor.delete();
  }
}

const WRAPPERS = new Set(['sudo', 'env', 'nice', 'nohup', 'time', 'command', 'exec', 'doas']);

/**
 * The command a wrapper runs: `sudo -E apt-get install x` → `apt-get` with `install x`.
 * Returns the name and arguments after stripping `sudo`, `env A=b`, `nice`, …
 */
export function unwrap(cmd: ShellCommand): { name: ShellWord; args: readonly ShellWord[] } {
  let name = cmd.name;
  let args = cmd.args;
  for (let guard = 0; guard < 4 && WRAPPERS.has(name.value ?? ''); guard++) {
    let i = 0;
    while (i < args.length && (args[i]!.value ?? '').match(/^-|^[A-Za-z_][A-Za-z0-9_]*=/)) {
      // sudo -u user: skip the option's value too.
      if (name.value === 'sudo' && /^-[ugChp]$/.test(args[i]!.value ?? '')) i++;
      i++;
    }
    if (i >= args.length) break;
    name = args[i]!;
    args = args.slice(i + 1);
  }
  return { name, args };
}
