/**
 * Validates a YAML node against a schema node, walking the YAML AST directly so every problem
 * carries the exact range of the key or value at fault.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import type { LineIndex } from '../../engine/text';
import type { Range } from '../../engine/types';
import { typeName, type ObjectSchema, type SchemaNode } from './model';
import { secretName } from '../secrets';

/** Which of the schema rules a problem belongs to. */
export type SchemaIssueCode = 'unknown-field' | 'type' | 'required';

/** One schema problem. */
export interface SchemaIssue {
  readonly code: SchemaIssueCode;
  readonly range: Range;
  readonly message: string;
  /** The field path, e.g. `spec.template.spec.containers[0].imagePullPolicy`. */
  readonly path: string;
  /** For unknown fields: the key as written and the closest known field, if any. */
  readonly key?: string;
  readonly suggestion?: string;
}

/** A Kubernetes quantity (`100m`, `1Gi`, `1e3`, `0.5`). */
const QUANTITY = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[KMGTPE]i|[numkMGTPE]|[eE][+-]?\d+)?$/;
/** Plain scalars YAML 1.1 (which Kubernetes' YAML reader follows) reads as booleans. */
const YAML11_BOOL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;
/** Values a templating step fills in later; their type is unknowable here. */
const PLACEHOLDER = /\{\{|\$\{|\$\(/;

interface Walk {
  readonly lines: LineIndex;
  readonly out: SchemaIssue[];
}

function rangeOf(w: Walk, node: unknown): Range | undefined {
  const r = (node as { range?: [number, number, number] } | null)?.range;
  return r ? w.lines.range(r[0], r[1]) : undefined;
}

/**
 * Where a missing required field of the value being visited is reported: the key holding it, or
 * the nearest enclosing one with a range. Computed only for a finding, not for every key walked.
 */
type Anchor = () => Range;

function anchorAt(w: Walk, node: unknown, outer: Anchor): Anchor {
  return () => rangeOf(w, node) ?? outer();
}

/** Validates an object's root node against its schema, appending the problems to `out`. */
export function validateNode(lines: LineIndex, node: Node, schema: ObjectSchema, out: SchemaIssue[]): void {
  const w: Walk = { lines, out };
  visit(w, node, schema, '', () => rangeOf(w, node) ?? lines.range(0, 0), true);
}

function visit(w: Walk, node: unknown, schema: SchemaNode, path: string, anchor: Anchor, root = false): void {
  if (node === null || node === undefined || isAlias(node)) return;
  if (isScalar(node) && node.value === null) return;
  // `{{ value }}` outside quotes parses as a nested flow mapping: a template placeholder, not data.
  if (isMap(node) && node.flow && node.range && w.lines.text.startsWith('{{', node.range[0])) return;
  switch (schema.t) {
    case 'any':
      return;
    case 'object':
      if (!isMap(node)) return mismatch(w, node, schema, path);
      return visitObject(w, node.items, schema, path, anchor, root);
    case 'map':
      if (!isMap(node)) return mismatch(w, node, schema, path);
      for (const item of node.items) {
        if (!isPair(item)) continue;
        const key = isScalar(item.key) ? String(item.key.value) : '?';
        visit(w, item.value, schema.values, `${path}.${key}`, anchorAt(w, item.key, anchor));
      }
      return;
    case 'array':
      if (!isSeq(node)) return mismatch(w, node, schema, path);
      node.items.forEach((item, i) => {
        const first = isMap(item) && isPair(item.items[0]) ? item.items[0].key : item;
        visit(w, item, schema.items, `${path}[${i}]`, anchorAt(w, first, anchor));
      });
      return;
    default:
      if (!isScalar(node)) return mismatch(w, node, schema, path);
      return visitScalar(w, node, schema, path);
  }
}

function visitObject(w: Walk, items: readonly unknown[], schema: ObjectSchema, path: string, anchor: Anchor, root: boolean): void {
  const seen = new Set<string>();
  let merged = false;
  for (const item of items) {
    if (!isPair(item)) continue;
    if (!isScalar(item.key)) {
      merged = true;
      continue;
    }
    const key = String(item.key.value);
    // `<<` merges another mapping in; `$patch`, `$retainKeys`, … are strategic-merge-patch directives.
    if (key === '<<' || key.startsWith('$')) {
      merged = true;
      continue;
    }
    seen.add(key);
    const sub = schema.props.get(key);
    const p = path ? `${path}.${key}` : key;
    if (!sub) {
      if (schema.open || PLACEHOLDER.test(key)) continue;
      const r = rangeOf(w, item.key);
      if (!r) continue;
      const suggestion = closest(key, schema.props.keys());
      w.out.push({
        code: 'unknown-field',
        range: r,
        path: p,
        key,
        suggestion,
        message: `Unknown field "${key}" in ${schema.name}${suggestion ? `; did you mean "${suggestion}"?` : '.'}`,
      });
      continue;
    }
    visit(w, item.value, sub, p, anchorAt(w, item.key, anchor));
  }
  if (merged) return;
  let range: Range | undefined;
  for (const req of schema.required) {
    if (seen.has(req) || (!root && (req === 'apiVersion' || req === 'kind'))) continue;
    w.out.push({
      code: 'required',
      range: (range ??= anchor()),
      path: path ? `${path}.${req}` : req,
      message: `Missing required field "${req}" in ${schema.name}${path ? ` (${path})` : ''}.`,
    });
  }
}

/**
 * Whether the value at `path` may be a credential, so a message must not quote it: a key that
 * says so (`data.API_TOKEN`, `stringData.password`) or any env var's value (its name is a sibling).
 */
function mayBeSecret(path: string): boolean {
  if (/(?:^|\.)env\[\d+\]\.value$/.test(path)) return true;
  const last = /([^.[\]]+)\]?$/.exec(path)?.[1];
  return last !== undefined && secretName(last);
}

function describeYaml(node: unknown, path = ''): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (mayBeSecret(path)) return typeof v === 'number' ? 'a number' : typeof v === 'boolean' ? 'a boolean' : 'this string';
    const src = (node as { source?: unknown }).source;
    const text = typeof src === 'string' && src ? src : String(v);
    if (typeof v === 'number') return `the number ${text}`;
    if (typeof v === 'boolean') return `the boolean ${text}`;
    return `the string ${JSON.stringify(v)}`;
  }
  return 'a value';
}

function expected(schema: SchemaNode): string {
  switch (schema.t) {
    case 'object':
      return `a mapping (${schema.name})`;
    case 'map':
      return 'a mapping';
    case 'array':
      return 'a list';
    case 'enum':
      return `one of ${typeName(schema)}`;
    case 'int-or-string':
      return 'a number or a string';
    case 'quantity':
      return 'a quantity such as 100m, 0.5 or 1Gi';
    case 'time':
      return 'a date-time string';
    case 'integer':
      return 'an integer';
    default:
      return `a ${schema.t}`;
  }
}

function mismatch(w: Walk, node: unknown, schema: SchemaNode, path: string): void {
  const r = rangeOf(w, node);
  if (!r) return;
  w.out.push({
    code: 'type',
    range: r,
    path,
    message: `${path || 'The value'} must be ${expected(schema)}, not ${describeYaml(node, path)}.`,
  });
}

function visitScalar(w: Walk, node: Scalar, schema: SchemaNode, path: string): void {
  const v = node.value;
  const plain = node.type === 'PLAIN';
  if (typeof v === 'string' && PLACEHOLDER.test(v)) return;
  let ok: boolean;
  switch (schema.t) {
    case 'string':
    case 'time':
      ok = typeof v === 'string';
      break;
    case 'number':
      ok = typeof v === 'number';
      break;
    case 'integer':
      ok = typeof v === 'number' && Number.isInteger(v);
      break;
    case 'boolean':
      ok = typeof v === 'boolean' || (plain && typeof v === 'string' && YAML11_BOOL.test(v));
      break;
    case 'int-or-string':
      ok = typeof v === 'number' || typeof v === 'string';
      break;
    case 'quantity':
      ok = typeof v === 'number' || (typeof v === 'string' && QUANTITY.test(v.trim()));
      break;
    case 'enum':
      ok = typeof v === 'string' && schema.values.includes(v);
      break;
    default:
      ok = true;
  }
  if (ok) return;
  const r = rangeOf(w, node);
  if (!r) return;
  const hint = (schema.t === 'string' || schema.t === 'time') && typeof v !== 'string' ? ' Quote it to make it a string.' : '';
  w.out.push({ code: 'type', range: r, path, message: `${path} must be ${expected(schema)}, not ${describeYaml(node, path)}.${hint}` });
}

/** The known name closest to `key` (case-insensitive match, or a small edit distance), if any. */
export function closest(key: string, names: Iterable<string>): string | undefined {
  const lower = key.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  const limit = key.length <= 4 ? 1 : key.length <= 10 ? 2 : 3;
  for (const n of names) {
    if (n.toLowerCase() === lower) return n;
    if (Math.abs(n.length - key.length) > limit) continue;
    const d = distance(lower, n.toLowerCase(), limit);
    if (d < bestD) {
      bestD = d;
      best = n;
    }
  }
  return bestD <= limit ? best : undefined;
}

/** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), cut off above `limit`. */
function distance(a: string, b: string, limit: number): number {
  const n = a.length;
  const m = b.length;
  let prev2: number[] = [];
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur.push(d);
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return limit + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[m]!;
}
