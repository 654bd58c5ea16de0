/**
 * What a template reads from `.Values`: follows `.`, `$`, variables, `with`/`range` scoping,
 * `index`, pipelines and named-template calls, and knows which reads are guarded (by `default`,
 * `required`, `hasKey`, `coalesce`, `empty`, or an enclosing `if`/`with` on the same value).
 */
import type { Command, Operand, Pipeline, ParsedTemplate, Span, TemplateNode } from './template';

/** What `.` or a variable stands for during the analysis. */
export type Binding =
  { readonly type: 'root' } | { readonly type: 'values'; readonly path: readonly string[] } | { readonly type: 'unknown' };

const ROOT: Binding = { type: 'root' };
const UNKNOWN: Binding = { type: 'unknown' };

/** One read of a values path. */
export interface ValueRead {
  readonly path: readonly string[];
  readonly span: Span;
  /** A default, `required`, or being the condition itself makes a missing value harmless. */
  readonly guarded: boolean;
  /**
   * Enclosing `if`/`with`/`hasKey` conditions on this path or a prefix of it: they make the read
   * harmless when the missing key is part of the condition (`if .Values.ingress` guards
   * `.Values.ingress.host` when `ingress` is missing, not when only `host` is).
   */
  readonly guards: readonly (readonly string[])[];
  /**
   * `exact`: a `.Values…` chain from the root or a known scope (checked for undefined values);
   * `use`: a use of a known scope (`.` inside `with`); `loose`: `….Values.x` on an unknown
   * receiver, such as `.context.Values.x` in a library helper (only counts as a use).
   */
  readonly mode: 'exact' | 'use' | 'loose';
  /** The named template this read is in, if any. */
  readonly define: string | undefined;
}

/** A call of a named template (`include`, `template`, `block`) and what it passes as `.`. */
export interface Invocation {
  readonly name: string;
  readonly arg: Binding;
}

/** The result of analysing one template file. */
export interface TemplateReads {
  readonly reads: ValueRead[];
  readonly invocations: Invocation[];
  /** Names of the templates this file defines. */
  readonly defines: string[];
}

/** Functions whose value arguments may be missing without harm (nil-tolerant helpers and collections included). */
const GUARD_FUNCS = new Set([
  'default',
  'required',
  'coalesce',
  'empty',
  'hasKey',
  'ternary',
  'dig',
  'kindIs',
  'typeIs',
  'quote',
  'list',
  'dict',
  'include',
  'template',
  'tpl',
  'merge',
  'mergeOverwrite',
  'concat',
  'append',
  'set',
  'toYaml',
  'toJson',
  'not',
]);
/** Functions whose use in a later pipeline stage guards the earlier stages. */
const PIPE_GUARDS = new Set(['default', 'required', 'coalesce', 'empty']);

interface Scope {
  dot: Binding;
  vars: Map<string, Binding>;
  /** Joined paths (`a.b`) whose reads, and reads below them, are guarded here. */
  guards: Set<string>;
  define: string | undefined;
}

function guardsOf(path: readonly string[], guards: Set<string>): string[][] {
  const out: string[][] = [];
  for (let i = 1; i <= path.length; i++) if (guards.has(path.slice(0, i).join('.'))) out.push(path.slice(0, i));
  return out;
}

class Analyzer {
  readonly reads: ValueRead[] = [];
  readonly invocations: Invocation[] = [];
  readonly defines: string[] = [];
  /** Values paths read while evaluating a condition (they guard the block body). */
  private condPaths: string[][] | undefined;

  constructor(private readonly defineDot: (name: string) => Binding) {}

  nodes(list: readonly TemplateNode[], scope: Scope): void {
    for (const n of list) this.node(n, scope);
  }

  private child(scope: Scope, dot: Binding = scope.dot, extraGuards: readonly string[][] = []): Scope {
    const guards = new Set(scope.guards);
    for (const g of extraGuards) guards.add(g.join('.'));
    return { dot, vars: new Map(scope.vars), guards, define: scope.define };
  }

  private node(n: TemplateNode, scope: Scope): void {
    switch (n.type) {
      case 'action':
        this.pipeline(n.pipe, scope, false);
        return;
      case 'if':
      case 'with':
      case 'range': {
        this.condPaths = [];
        const inner = this.child(scope);
        const b = this.pipeline(n.pipe, inner, true);
        const cond = this.condPaths;
        this.condPaths = undefined;
        if (n.type === 'if') {
          this.nodes(n.body, this.child(inner, inner.dot, cond));
          this.nodes(n.elseBody, this.child(inner, inner.dot, cond));
        } else if (n.type === 'with') {
          this.nodes(n.body, this.child(inner, b, cond));
          this.nodes(n.elseBody, this.child(inner, inner.dot, cond));
        } else {
          const body = this.child(inner, UNKNOWN, cond);
          for (const v of n.pipe.decl) body.vars.set(v, UNKNOWN);
          this.nodes(n.body, body);
          this.nodes(n.elseBody, this.child(inner, inner.dot, cond));
        }
        return;
      }
      case 'define': {
        this.defines.push(n.name);
        const dot = this.defineDot(n.name);
        this.nodes(n.body, { dot, vars: new Map([['$', dot]]), guards: new Set(), define: n.name });
        return;
      }
      case 'template': {
        const arg = n.pipe ? this.pipeline(n.pipe, scope, false) : UNKNOWN;
        this.invocations.push({ name: n.name, arg });
        if (n.body) {
          this.defines.push(n.name);
          const dot = this.defineDot(n.name);
          this.nodes(n.body, { dot, vars: new Map([['$', dot]]), guards: new Set(), define: n.name });
        }
        return;
      }
    }
  }

  /** Evaluates a pipeline for its reads; returns what its value stands for. */
  pipeline(p: Pipeline, scope: Scope, guarded: boolean): Binding {
    let guardUpTo = -1;
    p.commands.forEach((c, i) => {
      const f = c.args[0];
      if (i > 0 && f?.type === 'ident' && PIPE_GUARDS.has(f.name)) guardUpTo = i;
    });
    let result: Binding = UNKNOWN;
    p.commands.forEach((c, i) => {
      result = this.command(c, scope, guarded || i < guardUpTo, i > 0 ? result : undefined);
    });
    if (p.commands.length !== 1) result = p.commands.length > 1 ? UNKNOWN : result;
    for (const v of p.decl) scope.vars.set(v, result);
    return result;
  }

  private command(c: Command, scope: Scope, guarded: boolean, piped: Binding | undefined): Binding {
    const [head, ...rest] = c.args;
    if (!head) return UNKNOWN;
    if (head.type !== 'ident') {
      const b = this.operand(head, scope, guarded);
      for (const a of rest) this.operand(a, scope, guarded);
      return c.args.length === 1 ? b : UNKNOWN;
    }
    const fn = head.name;
    const argGuarded = guarded || GUARD_FUNCS.has(fn);
    if (fn === 'index' && rest.length >= 1) {
      const base = this.operand(rest[0]!, scope, argGuarded, rest.length > 1);
      const keys = rest.slice(1);
      keys.forEach((k) => this.operand(k, scope, argGuarded));
      if (base.type === 'values' && keys.every((k) => k.type === 'string')) {
        const path = [...base.path, ...keys.map((k) => (k.type === 'string' ? k.value : ''))];
        if (keys.length) this.record(path, { start: c.span.start, end: c.span.end }, argGuarded, 'exact', scope);
        return { type: 'values', path };
      }
      return UNKNOWN;
    }
    if (fn === 'hasKey' && rest.length === 2) {
      const base = this.operand(rest[0]!, scope, true, true);
      const key = rest[1]!;
      if (base.type === 'values' && key.type === 'string') this.condPaths?.push([...base.path, key.value]);
      else this.operand(key, scope, true);
      return UNKNOWN;
    }
    if ((fn === 'include' || fn === 'template') && rest[0]?.type === 'string') {
      const arg = rest[1] ? this.operand(rest[1], scope, argGuarded) : (piped ?? UNKNOWN);
      for (const a of rest.slice(2)) this.operand(a, scope, argGuarded);
      this.invocations.push({ name: rest[0].value, arg });
      return UNKNOWN;
    }
    if (fn === 'and' || fn === 'or' || fn === 'not' || fn === 'eq' || fn === 'ne') {
      for (const a of rest) this.operand(a, scope, argGuarded);
      return UNKNOWN;
    }
    for (const a of rest) this.operand(a, scope, argGuarded);
    return UNKNOWN;
  }

  private operand(op: Operand, scope: Scope, guarded: boolean, forIndex = false): Binding {
    switch (op.type) {
      case 'pipe':
        return this.pipeline(op.pipe, this.child(scope), guarded);
      case 'field': {
        let base: Binding;
        if (op.receiver.type === 'dot') base = scope.dot;
        else if (op.receiver.type === 'var')
          base = op.receiver.name === '$' ? (scope.vars.get('$') ?? ROOT) : (scope.vars.get(op.receiver.name) ?? UNKNOWN);
        else base = this.pipeline(op.receiver.pipe, this.child(scope), guarded);
        const f = op.fields;
        if (base.type === 'root') {
          if (f[0] !== 'Values') return f.length === 0 ? ROOT : UNKNOWN;
          const path = f.slice(1);
          this.record(path, op.span, guarded, path.length === 0 || forIndex ? 'use' : 'exact', scope);
          return { type: 'values', path };
        }
        if (base.type === 'values') {
          const path = [...base.path, ...f];
          this.record(path, op.span, guarded, f.length === 0 || forIndex ? 'use' : 'exact', scope);
          return { type: 'values', path };
        }
        const k = f.indexOf('Values');
        if (k >= 0) this.record(f.slice(k + 1), op.span, true, 'loose', scope);
        return UNKNOWN;
      }
      default:
        return UNKNOWN;
    }
  }

  private record(path: readonly string[], span: Span, guarded: boolean, mode: ValueRead['mode'], scope: Scope): void {
    this.condPaths?.push([...path]);
    this.reads.push({ path, span, guarded, guards: guardsOf(path, scope.guards), mode, define: scope.define });
  }
}

/**
 * Analyses one parsed template. Top-level actions see `.` as the chart root; the body of a
 * named template sees what `defineDot(name)` says its callers pass (unknown by default).
 */
export function analyzeTemplate(parsed: ParsedTemplate, defineDot: (name: string) => Binding = () => UNKNOWN): TemplateReads {
  const a = new Analyzer(defineDot);
  a.nodes(parsed.nodes, { dot: ROOT, vars: new Map([['$', ROOT]]), guards: new Set(), define: undefined });
  return { reads: a.reads, invocations: a.invocations, defines: a.defines };
}
