/**
 * A parser for the Go `text/template` actions in Helm templates: `{{ }}` with trim markers,
 * comments, pipelines, variables and the control structures (`if`, `with`, `range`, `define`,
 * `block`, `template`, `else`, `end`). It keeps source offsets on every node and never throws:
 * malformed actions become {@link TemplateProblem}s and the rest of the file is still parsed.
 */

/** A half-open span of source offsets. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** One operand of a command. */
export type Operand =
  | { readonly type: 'field'; readonly receiver: Receiver; readonly fields: readonly string[]; readonly span: Span }
  | { readonly type: 'ident'; readonly name: string; readonly span: Span }
  | { readonly type: 'string'; readonly value: string; readonly span: Span }
  | { readonly type: 'literal'; readonly text: string; readonly span: Span }
  | { readonly type: 'pipe'; readonly pipe: Pipeline; readonly span: Span };

/** What a field chain starts from: `.`, `$name` / `$`, or a parenthesised pipeline. */
export type Receiver =
  { readonly type: 'dot' } | { readonly type: 'var'; readonly name: string } | { readonly type: 'pipe'; readonly pipe: Pipeline };

/** A command: operands separated by spaces (the first is usually a function name). */
export interface Command {
  readonly args: readonly Operand[];
  readonly span: Span;
}

/** `$a, $b := cmd | cmd` */
export interface Pipeline {
  readonly decl: readonly string[];
  /** `=` (assignment to an existing variable) rather than `:=`. */
  readonly assign: boolean;
  readonly commands: readonly Command[];
  readonly span: Span;
}

/** A node of the template tree. */
export type TemplateNode =
  | { readonly type: 'action'; readonly pipe: Pipeline; readonly span: Span }
  | {
      readonly type: 'if' | 'with' | 'range';
      readonly pipe: Pipeline;
      readonly body: readonly TemplateNode[];
      readonly elseBody: readonly TemplateNode[];
      readonly span: Span;
    }
  | { readonly type: 'define'; readonly name: string; readonly body: readonly TemplateNode[]; readonly span: Span }
  | {
      readonly type: 'template';
      readonly name: string;
      readonly pipe: Pipeline | undefined;
      /** `block` = define + template in one. */
      readonly body: readonly TemplateNode[] | undefined;
      readonly span: Span;
    };

/** A malformed action, located in the source. */
export interface TemplateProblem {
  readonly message: string;
  readonly span: Span;
}

/** One `{{ … }}` as found in the text. */
export interface RawAction {
  /** The whole action including delimiters and trim markers. */
  readonly span: Span;
  /** The inner content (after `{{`/`{{-` and before `}}`/`-}}`). */
  readonly inner: Span;
  readonly comment: boolean;
}

/** The parse of one template file. */
export interface ParsedTemplate {
  readonly text: string;
  readonly actions: readonly RawAction[];
  readonly nodes: readonly TemplateNode[];
  readonly problems: readonly TemplateProblem[];
}

type Tok =
  | { k: 'ident'; v: string; s: number; e: number }
  | { k: 'field'; v: string; s: number; e: number }
  | { k: 'var'; v: string; s: number; e: number }
  | { k: 'dot'; s: number; e: number }
  | { k: 'string'; v: string; s: number; e: number }
  | { k: 'literal'; v: string; s: number; e: number }
  | { k: 'punct'; v: '(' | ')' | '|' | ':=' | '=' | ','; s: number; e: number };

/** Finds every `{{ … }}` in text; an unclosed `{{` is reported and ends the scan. */
export function scanActions(text: string): { actions: RawAction[]; problems: TemplateProblem[] } {
  const actions: RawAction[] = [];
  const problems: TemplateProblem[] = [];
  let i = 0;
  for (;;) {
    const open = text.indexOf('{{', i);
    if (open < 0) break;
    let p = open + 2;
    if (text[p] === '-' && /[ \t\r\n]/.test(text[p + 1] ?? '')) p += 2;
    while (p < text.length && /[ \t\r\n]/.test(text[p]!)) p++;
    const comment = text.startsWith('/*', p);
    let close = -1;
    if (comment) {
      const endComment = text.indexOf('*/', p + 2);
      if (endComment >= 0) {
        let q = endComment + 2;
        while (q < text.length && /[ \t\r\n]/.test(text[q]!)) q++;
        if (text[q] === '-' && text.startsWith('}}', q + 1)) q++;
        if (text.startsWith('}}', q)) close = q;
        else {
          problems.push({
            message: 'A template comment must be closed by "*/}}" with nothing in between.',
            span: { start: open, end: endComment + 2 },
          });
          i = endComment + 2;
          continue;
        }
      }
    } else {
      close = findClose(text, p);
    }
    if (close < 0) {
      const eol = text.indexOf('\n', open);
      problems.push({ message: 'Unclosed action: "{{" has no matching "}}".', span: { start: open, end: eol < 0 ? text.length : eol } });
      break;
    }
    let innerEnd = close;
    if (text[close - 1] === '-' && /[ \t\r\n]/.test(text[close - 2] ?? '')) innerEnd = close - 1;
    actions.push({ span: { start: open, end: close + 2 }, inner: { start: p, end: innerEnd }, comment });
    i = close + 2;
  }
  return { actions, problems };
}

/** The offset of the `}}` closing an action whose content starts at `from`, skipping quoted text. */
function findClose(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' || c === "'") {
      i++;
      while (i < text.length && text[i] !== c && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if (c === '`') {
      const e = text.indexOf('`', i + 1);
      if (e < 0) return -1;
      i = e + 1;
      continue;
    }
    if (c === '}' && text[i + 1] === '}') return i;
    if (c === '{' && text[i + 1] === '{') return -1;
    i++;
  }
  return -1;
}

const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /[-+]?(?:0[xXoObB][0-9a-fA-F_]+|\d[\d_]*(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+)(?:i)?/y;

function lex(text: string, span: Span, problems: TemplateProblem[]): Tok[] {
  const out: Tok[] = [];
  let i = span.start;
  const end = span.end;
  while (i < end) {
    const c = text[i]!;
    if (/[ \t\r\n]/.test(c)) {
      i++;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let v = '';
      while (j < end && text[j] !== '"') {
        if (text[j] === '\\' && j + 1 < end) {
          const n = text[j + 1]!;
          v += n === 'n' ? '\n' : n === 't' ? '\t' : n;
          j += 2;
        } else v += text[j++];
      }
      if (j >= end) problems.push({ message: 'Unterminated string in action.', span: { start: i, end } });
      out.push({ k: 'string', v, s: i, e: Math.min(j + 1, end) });
      i = j + 1;
      continue;
    }
    if (c === '`') {
      const j = text.indexOf('`', i + 1);
      const e = j < 0 || j >= end ? end : j;
      if (j < 0 || j >= end) problems.push({ message: 'Unterminated raw string in action.', span: { start: i, end } });
      out.push({ k: 'string', v: text.slice(i + 1, e), s: i, e: Math.min(e + 1, end) });
      i = e + 1;
      continue;
    }
    if (c === "'") {
      let j = i + 1;
      while (j < end && text[j] !== "'") j += text[j] === '\\' ? 2 : 1;
      out.push({ k: 'literal', v: text.slice(i, j + 1), s: i, e: Math.min(j + 1, end) });
      i = j + 1;
      continue;
    }
    if (c === '(' || c === ')' || c === '|' || c === ',') {
      out.push({ k: 'punct', v: c, s: i, e: i + 1 });
      i++;
      continue;
    }
    if (c === ':' && text[i + 1] === '=') {
      out.push({ k: 'punct', v: ':=', s: i, e: i + 2 });
      i += 2;
      continue;
    }
    if (c === '=') {
      out.push({ k: 'punct', v: '=', s: i, e: i + 1 });
      i++;
      continue;
    }
    if (c === '.') {
      IDENT.lastIndex = i + 1;
      const m = IDENT.exec(text);
      if (m && m.index === i + 1 && i + 1 + m[0].length <= end) {
        out.push({ k: 'field', v: m[0], s: i, e: i + 1 + m[0].length });
        i += 1 + m[0].length;
        continue;
      }
      NUMBER.lastIndex = i;
      const n = NUMBER.exec(text);
      if (n && /\d/.test(text[i + 1] ?? '')) {
        out.push({ k: 'literal', v: n[0], s: i, e: i + n[0].length });
        i += n[0].length;
        continue;
      }
      out.push({ k: 'dot', s: i, e: i + 1 });
      i++;
      continue;
    }
    if (c === '$') {
      IDENT.lastIndex = i + 1;
      const m = IDENT.exec(text);
      const name = m && m.index === i + 1 ? m[0] : '';
      out.push({ k: 'var', v: `$${name}`, s: i, e: i + 1 + name.length });
      i += 1 + name.length;
      continue;
    }
    NUMBER.lastIndex = i;
    const n = /[-+\d]/.test(c) ? NUMBER.exec(text) : null;
    if (n && n.index === i && n[0].length > 0 && /\d/.test(n[0])) {
      out.push({ k: 'literal', v: n[0], s: i, e: i + n[0].length });
      i += n[0].length;
      continue;
    }
    IDENT.lastIndex = i;
    const m = IDENT.exec(text);
    if (m && m.index === i) {
      out.push({ k: 'ident', v: m[0], s: i, e: i + m[0].length });
      i += m[0].length;
      continue;
    }
    problems.push({ message: `Unexpected character "${c}" in action.`, span: { start: i, end: i + 1 } });
    i++;
  }
  return out;
}

/** Parses tokens of one action into a pipeline. */
class PipeParser {
  private i = 0;
  private depth = 0;
  /** Set where nesting passed the limit: the rest of the action is skipped without more problems. */
  private abandoned = false;
  constructor(
    private readonly toks: Tok[],
    private readonly problems: TemplateProblem[],
    private readonly whole: Span,
  ) {}

  done(): boolean {
    return this.i >= this.toks.length;
  }

  peek(): Tok | undefined {
    return this.toks[this.i];
  }

  next(): Tok | undefined {
    return this.toks[this.i++];
  }

  pipeline(stopAtParen: boolean): Pipeline {
    const start = this.peek()?.s ?? this.whole.start;
    const decl: string[] = [];
    let assign = false;
    // Variable declarations: `$x :=`, `$k, $v :=`, `$x =`.
    const save = this.i;
    const vars: string[] = [];
    while (this.peek()?.k === 'var') {
      const v = this.next() as Tok & { v: string };
      vars.push(v.v);
      const p = this.peek();
      if (p?.k === 'punct' && p.v === ',') {
        this.next();
        continue;
      }
      break;
    }
    const p = this.peek();
    if (vars.length && p?.k === 'punct' && (p.v === ':=' || p.v === '=')) {
      this.next();
      decl.push(...vars);
      assign = p.v === '=';
    } else this.i = save;
    const commands: Command[] = [];
    for (;;) {
      const cmd = this.command(stopAtParen);
      if (cmd) commands.push(cmd);
      const t = this.peek();
      if (t?.k === 'punct' && t.v === '|') {
        this.next();
        if (!cmd) this.problems.push({ message: 'Missing command before "|".', span: { start: t.s, end: t.e } });
        continue;
      }
      break;
    }
    const end = this.toks[this.i - 1]?.e ?? start;
    return { decl, assign, commands, span: { start, end: Math.max(start, end) } };
  }

  private command(stopAtParen: boolean): Command | undefined {
    const args: Operand[] = [];
    for (;;) {
      const t = this.peek();
      if (!t) break;
      if (t.k === 'punct' && (t.v === '|' || (t.v === ')' && stopAtParen))) break;
      if (t.k === 'punct' && t.v === ')') {
        this.problems.push({ message: 'Unexpected ")" in action.', span: { start: t.s, end: t.e } });
        this.next();
        continue;
      }
      const op = this.operand();
      if (op) args.push(op);
      else {
        this.problems.push({ message: `Unexpected "${'v' in t ? t.v : '.'}" in action.`, span: { start: t.s, end: t.e } });
        this.next();
      }
    }
    if (!args.length) return undefined;
    return { args, span: { start: args[0]!.span.start, end: args[args.length - 1]!.span.end } };
  }

  private fieldsAfter(): { fields: string[]; end: number } {
    const fields: string[] = [];
    let end = -1;
    for (;;) {
      const t = this.peek();
      // A field continues the chain only when it touches the previous token (`.a.b`, `$x.a`, `(…).a`).
      if (t?.k === 'field' && t.s === (end < 0 ? this.toks[this.i - 1]!.e : end)) {
        fields.push(t.v);
        end = t.e;
        this.next();
      } else break;
    }
    return { fields, end };
  }

  private operand(): Operand | undefined {
    const t = this.peek();
    if (!t) return undefined;
    switch (t.k) {
      case 'field': {
        const fields: string[] = [];
        let end = t.e;
        fields.push(t.v);
        this.next();
        const more = this.fieldsAfter();
        fields.push(...more.fields);
        if (more.end > 0) end = more.end;
        return { type: 'field', receiver: { type: 'dot' }, fields, span: { start: t.s, end } };
      }
      case 'dot':
        this.next();
        return { type: 'field', receiver: { type: 'dot' }, fields: [], span: { start: t.s, end: t.e } };
      case 'var': {
        this.next();
        const more = this.fieldsAfter();
        return {
          type: 'field',
          receiver: { type: 'var', name: t.v },
          fields: more.fields,
          span: { start: t.s, end: more.end > 0 ? more.end : t.e },
        };
      }
      case 'string':
        this.next();
        return { type: 'string', value: t.v, span: { start: t.s, end: t.e } };
      case 'literal':
        this.next();
        return { type: 'literal', text: t.v, span: { start: t.s, end: t.e } };
      case 'ident':
        this.next();
        return { type: 'ident', name: t.v, span: { start: t.s, end: t.e } };
      case 'punct': {
        if (t.v !== '(') return undefined;
        this.next();
        if (this.depth >= MAX_NESTING) {
          // Go's parser has no such limit, but an analysis this deep is no use to anyone: stop here.
          this.problems.push({ message: nestingMessage('Parentheses'), span: { start: t.s, end: t.e } });
          this.i = this.toks.length;
          this.abandoned = true;
          return { type: 'literal', text: '', span: { start: t.s, end: t.e } };
        }
        this.depth++;
        const pipe = this.pipeline(true);
        this.depth--;
        const close = this.peek();
        let end = pipe.span.end;
        if (close?.k === 'punct' && close.v === ')') {
          this.next();
          end = close.e;
        } else if (!this.abandoned) this.problems.push({ message: 'Unclosed "(" in action.', span: { start: t.s, end: t.e } });
        const more = this.fieldsAfter();
        if (more.fields.length) {
          return { type: 'field', receiver: { type: 'pipe', pipe }, fields: more.fields, span: { start: t.s, end: more.end } };
        }
        return { type: 'pipe', pipe, span: { start: t.s, end } };
      }
    }
    return undefined;
  }
}

/**
 * How deep blocks (`if`, `with`, `range`, `define`, `block`) and parentheses may nest before the
 * parse stops following them. Real charts stay below ten; a file nested thousands deep (each
 * `with` scoping the next) cost the analysis time and memory growing with the square of the depth.
 */
export const MAX_NESTING = 100;

/** The problem reported where nesting passes {@link MAX_NESTING}. */
export function nestingMessage(what: string): string {
  return `${what} nested deeper than ${MAX_NESTING} levels: Shipshape does not analyse what is inside.`;
}

interface Frame {
  /** Past the nesting limit: the frame keeps `end`s balanced, and its contents are dropped. */
  readonly dropped?: boolean;
  readonly kind: 'root' | 'if' | 'with' | 'range' | 'define' | 'block';
  readonly open: Span;
  readonly pipe: Pipeline | undefined;
  readonly name: string;
  body: TemplateNode[];
  elseBody: TemplateNode[];
  inElse: boolean;
  /** `else if` chains: nested frames closed by the same `end`. */
  readonly chained: boolean;
}

/** Parses a whole template file. */
export function parseTemplate(text: string): ParsedTemplate {
  const { actions, problems } = scanActions(text);
  const stack: Frame[] = [
    { kind: 'root', open: { start: 0, end: 0 }, pipe: undefined, name: '', body: [], elseBody: [], inElse: false, chained: false },
  ];
  const top = () => stack[stack.length - 1]!;
  const add = (n: TemplateNode) => {
    const f = top();
    if (f.dropped) return;
    (f.inElse ? f.elseBody : f.body).push(n);
  };
  let reportedDepth = false;
  const push = (f: Frame, at: Span): void => {
    if (top().dropped || stack.length > MAX_NESTING) {
      if (!reportedDepth) problems.push({ message: nestingMessage('Blocks'), span: at });
      reportedDepth = true;
      stack.push({ ...f, dropped: true });
    } else stack.push(f);
  };
  const closeFrame = (endSpan: Span): void => {
    const f = stack.pop()!;
    if (f.dropped) return;
    const span = { start: f.open.start, end: endSpan.end };
    let node: TemplateNode;
    if (f.kind === 'define') node = { type: 'define', name: f.name, body: f.body, span };
    else if (f.kind === 'block') node = { type: 'template', name: f.name, pipe: f.pipe, body: f.body, span };
    else node = { type: f.kind as 'if' | 'with' | 'range', pipe: f.pipe!, body: f.body, elseBody: f.elseBody, span };
    add(node);
  };
  for (const a of actions) {
    if (a.comment) continue;
    const toks = lex(text, a.inner, problems);
    if (toks.length === 0) {
      problems.push({ message: 'Empty action "{{ }}".', span: a.span });
      continue;
    }
    const first = toks[0]!;
    const kw = first.k === 'ident' ? first.v : '';
    const parser = new PipeParser(toks, problems, a.inner);
    const rest = (skip: number): PipeParser => {
      const p = new PipeParser(toks.slice(skip), problems, a.inner);
      return p;
    };
    switch (kw) {
      case 'if':
      case 'with':
      case 'range': {
        const pp = rest(1);
        const pipe = pp.pipeline(false);
        if (!pipe.commands.length) problems.push({ message: `Missing condition after "${kw}".`, span: a.span });
        push({ kind: kw, open: a.span, pipe, name: '', body: [], elseBody: [], inElse: false, chained: false }, a.span);
        break;
      }
      case 'else': {
        const f = top();
        if (f.kind !== 'if' && f.kind !== 'with' && f.kind !== 'range') {
          problems.push({ message: '"else" outside of if, with or range.', span: a.span });
          break;
        }
        if (f.inElse) {
          problems.push({ message: 'A second "else" in the same block.', span: a.span });
          break;
        }
        f.inElse = true;
        const second = toks[1];
        if (second?.k === 'ident' && (second.v === 'if' || second.v === 'with')) {
          const pipe = rest(2).pipeline(false);
          push({ kind: second.v, open: a.span, pipe, name: '', body: [], elseBody: [], inElse: false, chained: true }, a.span);
        }
        break;
      }
      case 'end': {
        if (toks.length > 1) problems.push({ message: 'Unexpected text after "end".', span: a.span });
        if (stack.length === 1) {
          problems.push({ message: 'Unbalanced "end": nothing to close.', span: a.span });
          break;
        }
        // One `end` closes an `else if` chain together with its head.
        while (top().chained) closeFrame(a.span);
        closeFrame(a.span);
        break;
      }
      case 'define':
      case 'block': {
        const name = toks[1];
        if (name?.k !== 'string') {
          problems.push({ message: `"${kw}" needs a quoted template name.`, span: a.span });
        }
        if (kw === 'define' && stack.length > 1) problems.push({ message: '"define" is only allowed at the top level.', span: a.span });
        const pipe = kw === 'block' ? rest(2).pipeline(false) : undefined;
        push(
          {
            kind: kw,
            open: a.span,
            pipe,
            name: name?.k === 'string' ? name.v : '',
            body: [],
            elseBody: [],
            inElse: false,
            chained: false,
          },
          a.span,
        );
        break;
      }
      case 'template': {
        const name = toks[1];
        if (name?.k !== 'string') problems.push({ message: '"template" needs a quoted template name.', span: a.span });
        const pp = rest(2);
        const pipe = pp.done() ? undefined : pp.pipeline(false);
        add({ type: 'template', name: name?.k === 'string' ? name.v : '', pipe, body: undefined, span: a.span });
        break;
      }
      case 'break':
      case 'continue':
        if (!stack.some((f) => f.kind === 'range')) problems.push({ message: `"${kw}" outside of range.`, span: a.span });
        break;
      default: {
        const pipe = parser.pipeline(false);
        if (!parser.done()) {
          const t = parser.peek()!;
          problems.push({ message: 'Unexpected token in action.', span: { start: t.s, end: t.e } });
        }
        add({ type: 'action', pipe, span: a.span });
      }
    }
  }
  while (stack.length > 1) {
    const f = top();
    if (!f.chained && !f.dropped) problems.push({ message: `"${f.kind}" is never closed: add {{ end }}.`, span: f.open });
    closeFrame({ start: text.length, end: text.length });
  }
  return { text, actions, nodes: stack[0]!.body, problems };
}

const CACHE_LIMIT = 64;
const cache = new Map<string, ParsedTemplate>();

/** {@link parseTemplate} with a small cache keyed by text (rules on one file share one parse). */
export function parseTemplateCached(text: string): ParsedTemplate {
  const hit = cache.get(text);
  if (hit) return hit;
  const parsed = parseTemplate(text);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(text, parsed);
  return parsed;
}
