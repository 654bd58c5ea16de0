/**
 * Shell parsing for `RUN` bodies, on tree-sitter-bash (compiled to WebAssembly, driven by
 * web-tree-sitter). The grammar is the one editors use for Bash; it handles heredocs, `&&`/`||`
 * chains, pipes, subshells, command substitution and quoting, and it is error-tolerant.
 *
 * web-tree-sitter only offers an asynchronous `init`, while rules are synchronous. Both WebAssembly
 * modules are compiled synchronously at module load, so initialisation settles within the same
 * turn of the event loop (before any I/O callback). Hosts that lint in the very turn they load
 * this module can `await shellReady`; until then {@link parseShell} returns `undefined` and the
 * shell-based rules stay silent rather than guess.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Language, Parser, type Node, type TreeCursor } from 'web-tree-sitter';

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

/** Settles once the shell parser is usable (normally before the first I/O callback). */
export const shellReady: Promise<void> = init().catch(() => undefined);

const CACHE_LIMIT = 2000;
const cache = new Map<string, ShellScript>();

/** Parses a script; results are cached by text, so re-linting an edited file re-parses only what changed. */
export function parseShell(text: string): ShellScript | undefined {
  const hit = cache.get(text);
  if (hit) {
    cache.delete(text);
    cache.set(text, hit);
    return hit;
  }
  if (!parser) return undefined;
  const tree = parser.parse(text);
  if (!tree) return undefined;
  let script: ShellScript;
  try {
    script = extract(tree.rootNode, text);
  } catch (e) {
    // Quote removal still recurses into nested words; a pathologically deep one overflows the stack.
    // Treat the script as unparsed so the shell rules stay silent instead of failing.
    if (!(e instanceof RangeError)) throw e;
    script = { commands: [], pipelines: [], hasError: true };
  } finally {
    tree.delete();
  }
  cache.set(text, script);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  return script;
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
