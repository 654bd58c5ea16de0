/**
 * Regular expressions that come from the user's files (JSON-schema `pattern` and
 * `patternProperties`) run on RE2's linear-time engine: a backtracking engine takes time
 * exponential in the input on patterns such as `^(a+)+$`. A pattern RE2 cannot run (lookaround,
 * backreferences) is not run at all; the caller reports it.
 */
import { RE2JS } from 're2js';

/** What a compiled pattern offers (the part of `RegExp` JSON-schema validators use). */
export interface LinearRegExp {
  test(input: string): boolean;
  /** Names the pattern (Ajv tells compiled patterns apart by it). */
  toString(): string;
}

/** A pattern, or why it cannot run in linear time. */
export type CompiledPattern = { readonly ok: true; readonly re: LinearRegExp } | { readonly ok: false; readonly reason: string };

const cache = new Map<string, CompiledPattern>();
const CACHE_LIMIT = 256;

/**
 * Compiles a pattern with ECMAScript's unanchored `test` semantics (JSON schema's `pattern`);
 * `ignoreCase` adds the `i` flag.
 */
export function compileLinear(pattern: string, ignoreCase = false): CompiledPattern {
  const key = `${ignoreCase ? 'i' : '-'}${pattern}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let result: CompiledPattern;
  try {
    const re = RE2JS.compile(pattern, ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
    // Ajv keys the patterns it has compiled by `toString()`.
    result = {
      ok: true,
      re: { test: (input: string) => re.matcher(input).find(), toString: () => `/${pattern}/${ignoreCase ? 'i' : ''}` },
    };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    result = { ok: false, reason: message.replace(/^error parsing regexp: /, '') };
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, result);
  return result;
}

/** Whether `input` matches `pattern`; `undefined` when the pattern cannot run in linear time. */
export function testLinear(pattern: string, input: string): boolean | undefined {
  const c = compileLinear(pattern);
  return c.ok ? c.re.test(input) : undefined;
}
