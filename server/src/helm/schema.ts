/**
 * `values.schema.json` support: compiles a chart's schema with the JSON-Schema draft it declares
 * (draft-04 to 2020-12, as Helm accepts), caches the compiled validator by text, and validates
 * values data, returning JSON-pointer paths for the rules to turn into ranges.
 */
import { Ajv } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019';
import { Ajv2020 } from 'ajv/dist/2020';
import type { AnySchema, ErrorObject, ValidateFunction } from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { compileLinear, type LinearRegExp } from '../engine/regex';
import { readCached } from './chart';

/** A problem with the schema itself. */
export interface SchemaProblem {
  readonly message: string;
  /** JSON pointer into the schema document (`''` for the whole document). */
  readonly pointer: string;
  /** For JSON syntax errors: the character offset. */
  readonly offset?: number;
  /** Set for problems that do not make Helm fail (a pattern Shipshape cannot check). */
  readonly severity?: 'warning';
  /** The problem is the key at `pointer` (a `patternProperties` pattern), not its value. */
  readonly atKey?: boolean;
}

/** A compiled schema, or why it could not be compiled. */
export interface CompiledSchema {
  readonly validate: ValidateFunction | undefined;
  readonly problems: readonly SchemaProblem[];
  readonly draft: string;
}

/** One value that does not satisfy the schema. */
export interface ValuesViolation {
  readonly message: string;
  /** JSON pointer to the offending value in the values data. */
  readonly pointer: string;
  /** For `required` / `additionalProperties`: the property name. */
  readonly property: string | undefined;
  readonly keyword: string;
}

type Validator = Pick<Ajv, 'compile' | 'validateSchema' | 'errors' | 'removeSchema'>;

const instances = new Map<string, Validator>();

/** Patterns of the schema being compiled that RE2 cannot run, with RE2's reason. */
let unsupportedPatterns = new Map<string, string>();

/**
 * Ajv's regular-expression engine: RE2 (linear time), never the backtracking `RegExp` a schema
 * such as `"pattern": "^(a+)+$"` can make take minutes. A pattern RE2 cannot run (lookaround,
 * backreferences) accepts every value and is reported as a problem of the schema.
 */
const linearEngine = Object.assign(
  (pattern: string): LinearRegExp => {
    const c = compileLinear(pattern);
    if (c.ok) return c.re;
    unsupportedPatterns.set(pattern, c.reason);
    return { test: () => true, toString: () => `unchecked:${pattern}` };
  },
  { code: 'linearRegExp' },
);

/** Where a schema holds `pattern`: `pattern` keywords, and `patternProperties` keys (`atKey`). */
function patternPointers(
  schema: unknown,
  pattern: string,
  at = '',
  out: { pointer: string; atKey: boolean }[] = [],
  depth = 0,
): { pointer: string; atKey: boolean }[] {
  if (depth > 64 || typeof schema !== 'object' || schema === null) return out;
  const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');
  for (const [k, v] of Object.entries(schema as Record<string, unknown>)) {
    const here = `${at}/${esc(k)}`;
    if (k === 'pattern' && v === pattern) out.push({ pointer: here, atKey: false });
    if (k === 'patternProperties' && typeof v === 'object' && v !== null && pattern in v) {
      out.push({ pointer: `${here}/${esc(pattern)}`, atKey: true });
    }
    patternPointers(v, pattern, here, out, depth + 1);
  }
  return out;
}

function instance(draft: string): Validator {
  let a = instances.get(draft);
  if (a) return a;
  const opts = { allErrors: true, strict: false, validateFormats: true, logger: false as const, code: { regExp: linearEngine } };
  let ajv: Ajv | Ajv2019 | Ajv2020 | AjvDraft04;
  if (draft === '2020-12') ajv = new Ajv2020(opts);
  else if (draft === '2019-09') ajv = new Ajv2019(opts);
  else if (draft === 'draft-04') ajv = new AjvDraft04(opts);
  else ajv = new Ajv(opts);
  addFormats(ajv as Ajv);
  a = ajv as Validator;
  instances.set(draft, a);
  return a;
}

/** The meta-schema ids Ajv registers for each draft, exactly as it spells them. */
const META_IDS: Readonly<Record<string, string>> = {
  'draft-04': 'http://json-schema.org/draft-04/schema#',
  'draft-07': 'http://json-schema.org/draft-07/schema#',
  '2019-09': 'https://json-schema.org/draft/2019-09/schema',
  '2020-12': 'https://json-schema.org/draft/2020-12/schema',
};

/**
 * A `$schema` that names one of the published drafts on json-schema.org, in any of the spellings
 * in use: `http` or `https`, with or without `www.`, the trailing `#` or a trailing `/`. Helm
 * accepts them all; Ajv knows each meta-schema by one exact id.
 */
const PUBLISHED_DRAFT = /^https?:\/\/(?:www\.)?json-schema\.org\/(?:draft-0[4-7]\/schema|draft\/20(?:19-09|20-12)\/schema)\/?#?$/;

/** The draft a schema declares through `$schema` (draft-07 when it declares none). */
export function schemaDraft(schema: unknown): string {
  const id = schema && typeof schema === 'object' && !Array.isArray(schema) ? (schema as { $schema?: unknown }).$schema : undefined;
  if (typeof id !== 'string') return 'draft-07';
  if (id.includes('2020-12')) return '2020-12';
  if (id.includes('2019-09')) return '2019-09';
  if (id.includes('draft-04')) return 'draft-04';
  if (id.includes('draft-06')) return 'draft-06';
  return 'draft-07';
}

function jsonOffset(message: string, text: string): number {
  const m = /position (\d+)/.exec(message);
  if (m) return Number(m[1]);
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) {
    const lines = text.split('\n');
    let off = 0;
    for (let i = 0; i < Number(lc[1]) - 1 && i < lines.length; i++) off += lines[i]!.length + 1;
    return off + Number(lc[2]) - 1;
  }
  return Math.max(0, text.trimEnd().length - 1);
}

const compiled = new Map<string, CompiledSchema>();

/** Compiles schema text; the result is cached by text. */
export function compileSchemaText(text: string): CompiledSchema {
  const hit = compiled.get(text);
  if (hit) return hit;
  let result: CompiledSchema;
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    result = {
      validate: undefined,
      draft: 'unknown',
      problems: [{ message: `Not valid JSON: ${message}`, pointer: '', offset: jsonOffset(message, text) }],
    };
    return remember(text, result);
  }
  const draft = schemaDraft(schema);
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    if (typeof schema !== 'boolean') {
      result = { validate: undefined, draft, problems: [{ message: 'A JSON schema must be an object (or true/false).', pointer: '' }] };
      return remember(text, result);
    }
  }
  const ajv = instance(draft);
  if (typeof schema === 'object' && schema !== null) {
    const declared = (schema as { $schema?: unknown }).$schema;
    if (draft === 'draft-06') {
      // Draft-06 differs from draft-07 only in keywords draft-07 added; validate it as draft-07.
      const { $schema: _drop, ...rest } = schema as Record<string, unknown>;
      void _drop;
      schema = rest;
    } else if (typeof declared === 'string' && PUBLISHED_DRAFT.test(declared) && META_IDS[draft] && declared !== META_IDS[draft]) {
      schema = { ...(schema as Record<string, unknown>), $schema: META_IDS[draft] };
    }
  }
  const problems: SchemaProblem[] = [];
  let validate: ValidateFunction | undefined;
  try {
    if (!ajv.validateSchema(schema as AnySchema)) {
      // The meta-schema's anyOf reports one error per branch; one per location is enough.
      for (const e of ajv.errors ?? []) {
        if (problems.some((q) => q.pointer === e.instancePath)) continue;
        problems.push({ message: `${e.instancePath || 'The schema'} ${e.message ?? 'is invalid'} (${draft}).`, pointer: e.instancePath });
      }
    }
    if (!problems.length) {
      unsupportedPatterns = new Map();
      validate = ajv.compile(schema as AnySchema);
      for (const [pattern, reason] of unsupportedPatterns) {
        for (const { pointer, atKey } of patternPointers(schema, pattern)) {
          problems.push({
            atKey,
            message: `Shipshape cannot check values against the pattern ${JSON.stringify(pattern)} (${reason}): it checks patterns with a linear-time engine, without lookaround or backreferences. Helm still applies it.`,
            pointer,
            severity: 'warning',
          });
        }
      }
    }
  } catch (e) {
    problems.push({ message: `The schema cannot be used: ${e instanceof Error ? e.message : String(e)}`, pointer: '' });
  } finally {
    // Ajv keeps every compiled schema (and its $id) in the shared instance: each edit of the file
    // would add one more, and the second version with the same $id would be refused. The
    // compiled function does not need the entry.
    try {
      if (typeof schema === 'object' && schema !== null) ajv.removeSchema(schema as AnySchema);
    } catch {
      // nothing was registered
    }
  }
  return remember(text, { validate, problems, draft });
}

/** Caches a compiled schema by text (the most recent 32). */
function remember(text: string, result: CompiledSchema): CompiledSchema {
  if (compiled.size >= 32) compiled.delete(compiled.keys().next().value as string);
  compiled.set(text, result);
  return result;
}

/** Compiles the schema file of a chart, if it has one (cached by mtime through the text). */
export function compileSchemaFile(file: string): CompiledSchema | undefined {
  const text = readCached(file);
  return text === undefined ? undefined : compileSchemaText(text);
}

function describe(e: ErrorObject): string {
  const at = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : 'values';
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `${at} is missing required property "${String(p.missingProperty)}".`;
    case 'additionalProperties':
      return `${at} has no property "${String(p.additionalProperty)}" in the schema.`;
    case 'enum':
      return `${at} must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}.`;
    case 'type':
      return `${at} must be ${String(p.type)}.`;
    default:
      return `${at} ${e.message ?? 'is invalid'}.`;
  }
}

/** Validates values data; returns one violation per failed keyword (deduplicated). */
export function validateValues(schema: CompiledSchema, values: unknown): ValuesViolation[] {
  if (!schema.validate) return [];
  const data = values === null || values === undefined ? {} : values;
  if (schema.validate(data)) return [];
  const out: ValuesViolation[] = [];
  const seen = new Set<string>();
  for (const e of schema.validate.errors ?? []) {
    // anyOf/oneOf report every branch; the summary error is enough.
    if (e.keyword === 'if') continue;
    const p = e.params as Record<string, unknown>;
    const property =
      e.keyword === 'required'
        ? String(p.missingProperty)
        : e.keyword === 'additionalProperties'
          ? String(p.additionalProperty)
          : undefined;
    const key = `${e.instancePath}|${e.keyword}|${property ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ message: describe(e), pointer: e.instancePath, property, keyword: e.keyword });
  }
  return out;
}
