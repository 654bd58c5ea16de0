import { DockerfileParser, Instruction, type Argument, type Comment, type Dockerfile, type Variable } from 'dockerfile-ast';
// The concrete class, so that a re-parse can assemble a tree from reused and new instructions.
import { Dockerfile as DockerfileTree } from 'dockerfile-ast/lib/dockerfile';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex, commonPrefixLength, commonSuffixLength } from '../engine/text';

/** A parsed Dockerfile: the `dockerfile-ast` tree plus a line index over the same text. */
export interface DockerfileDocument {
  readonly kind: 'dockerfile';
  readonly text: string;
  readonly lines: LineIndex;
  readonly ast: Dockerfile;
}

// dockerfile-ast re-tokenises an instruction's arguments on every `getArguments()` call, and its own
// constructors and accessors call it several times per instruction. An instruction never changes
// after parsing (it reads only its own range of a fixed text), so the tokens are computed once per
// instruction. Callers get a copy: some subclasses shift flags off the array they are given.
const TOKENS = Symbol('shipshape.arguments');
type Tokenised = Instruction & { [TOKENS]?: Argument[] };
const proto = Instruction.prototype as unknown as { getRawArguments(this: Tokenised): Argument[] };
const rawArguments = proto.getRawArguments;
proto.getRawArguments = function (this: Tokenised): Argument[] {
  return (this[TOKENS] ??= rawArguments.call(this)).slice();
};

// `getVariables()` builds each variable with a look-up of its value over every ARG and ENV of the
// file (to fill `isDefined` and `isBuildVariable`, which Shipshape does not read): on a long
// Dockerfile that is most of an edit's lint. An instruction's variables are found once, and a
// re-parse keeps them with the instruction. Callers get a copy (`LABEL` removes items from it).
const VARIABLES = Symbol('shipshape.variables');
type WithVariables = Instruction & { [VARIABLES]?: Variable[] };
const withVariables = Instruction.prototype as unknown as { getVariables(this: WithVariables): Variable[] };
const variables = withVariables.getVariables;
withVariables.getVariables = function (this: WithVariables): Variable[] {
  return (this[VARIABLES] ??= variables.call(this)).slice();
};

/** Above this many lines a re-parse starts from scratch (a window's padding grows with the line). */
const INCREMENTAL_MAX_LINES = 20_000;

/**
 * Parses Dockerfile text; never throws on malformed input (the parser is error-tolerant).
 *
 * With `previous` (an earlier parse, normally of the same file one keystroke ago), only the
 * instructions around the changed lines are parsed again; the others are taken over from
 * `previous`, which is exact because an instruction reads nothing but its own lines. The result is
 * the same tree a full parse gives, except that the variable-resolution helpers of dockerfile-ast
 * (`getExpandedArguments`, `getVariables`, `Workdir.getAbsolutePath`) may see the ARG/ENV values of
 * the parse an instruction came from: Shipshape does not use them.
 */
export function parseDockerfile(text: string, previous?: DockerfileDocument): DockerfileDocument {
  const lines = new LineIndex(text);
  const ast = (previous && reparse(previous, text, lines)) ?? DockerfileParser.parse(text);
  return { kind: 'dockerfile', text, lines, ast };
}

/** First and last line that differ between two texts of the same line count, or undefined when equal. */
function changedLines(a: LineIndex, b: LineIndex): { first: number; last: number } | undefined {
  const x = a.text;
  const y = b.text;
  const p = commonPrefixLength(x, y);
  if (p === x.length && p === y.length) return undefined;
  const s = commonSuffixLength(x, y, Math.min(x.length, y.length) - p);
  // A line that only gained or lost its line break is a changed line too.
  const first = Math.max(0, b.positionAt(p).line - 1);
  const last = Math.min(b.lineCount - 1, b.positionAt(y.length - s).line + 1);
  return { first, last };
}

/** Whether a line ends with the escape character (a continuation), trailing blanks ignored. */
function continues(lines: LineIndex, line: number, escape: string): boolean {
  return lines.lineText(line).trimEnd().endsWith(escape);
}

/**
 * Re-parses only the instructions of `text` around what changed since `previous`, or returns
 * undefined when a full parse is needed (line count changed, the directives or the first
 * instruction changed, or the changed window does not end at an instruction boundary).
 */
function reparse(previous: DockerfileDocument, text: string, lines: LineIndex): Dockerfile | undefined {
  const old = previous.lines;
  if (lines.lineCount !== old.lineCount || lines.lineCount > INCREMENTAL_MAX_LINES) return undefined;
  const changed = changedLines(old, lines);
  if (!changed) return previous.ast;
  const escape = previous.ast.getEscapeCharacter();
  const instructions = previous.ast.getInstructions();
  // The instructions before the window: each ends before the change and is not continued.
  let head = 0;
  while (head < instructions.length) {
    const end = instructions[head]!.getRange().end.line;
    if (end >= changed.first || continues(old, end, escape)) break;
    head++;
  }
  if (head === 0) return undefined;
  const windowStart = instructions[head - 1]!.getRange().end.line + 1;
  // The instructions after the window: the first one starting after the change, and the rest.
  let tail = head;
  while (tail < instructions.length && instructions[tail]!.getRange().start.line <= changed.last) tail++;
  const windowEnd = tail < instructions.length ? instructions[tail]!.getRange().start.line : lines.lineCount;
  // Parse the window at its own line numbers, with the file's escape character.
  const body = text.slice(lines.lineStart(windowStart), windowEnd < lines.lineCount ? lines.lineStart(windowEnd) : text.length);
  let padding = '\n'.repeat(windowStart);
  if (escape !== '\\') {
    // A blank line must follow the directive, or a comment opening the window would be read as one.
    if (windowStart < 2) return undefined;
    padding = `# escape=${escape}\n${'\n'.repeat(windowStart - 1)}`;
  }
  const window = DockerfileParser.parse(padding + body);
  if (window.getEscapeCharacter() !== escape) return undefined;
  const fresh = window.getInstructions();
  const last = fresh[fresh.length - 1];
  // The window must end where an instruction ends: no continuation and no heredoc running on.
  if (last && tail < instructions.length) {
    const r = last.getRange();
    const source = text.slice(lines.lineStart(r.start.line), lines.lineEnd(r.end.line));
    if (r.end.line >= windowEnd || continues(lines, r.end.line, escape) || source.includes('<<')) return undefined;
  }
  // Assemble the tree as the parser does: directives, instructions in order, comments.
  const tree = new DockerfileTree(TextDocument.create('', '', 0, text));
  const directives = previous.ast.getDirectives();
  if (directives.length) tree.setDirectives(directives);
  for (const ins of instructions.slice(0, head)) tree.addInstruction(ins);
  for (const ins of fresh) tree.addInstruction(ins);
  for (const ins of instructions.slice(tail)) tree.addInstruction(ins);
  const kept = (c: Comment) => c.getRange().start.line < windowStart || c.getRange().start.line >= windowEnd;
  const comments = [...previous.ast.getComments().filter(kept), ...window.getComments()].sort(
    (a, b) => a.getRange().start.line - b.getRange().start.line,
  );
  for (const c of comments) tree.addComment(c);
  tree.organizeComments();
  return tree;
}
