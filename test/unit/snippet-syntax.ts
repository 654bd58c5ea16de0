/**
 * VS Code's snippet syntax, enough to expand a snippet the way the editor does when the user
 * accepts every default: tabstops (`$1`, `${1}`), placeholders (`${1:default}`, nested), choices
 * (`${1|a,b|}` takes the first), mirrors, variables (`$TM_FILENAME`, `${VAR:default}`) and
 * transforms (`${1/regex/format/flags}`, `${VAR/…/…/…}`), with `\$`, `\}` and `\\` escapes.
 * See https://code.visualstudio.com/docs/editor/userdefinedsnippets#_grammar.
 */

/** One node of a parsed snippet. */
export type SnippetNode =
  | { type: 'text'; value: string }
  | { type: 'tabstop'; index: number; children: SnippetNode[] | undefined; choices: string[] | undefined; transform: Transform | undefined }
  | { type: 'variable'; name: string; children: SnippetNode[] | undefined; transform: Transform | undefined };

/** A `/regex/format/flags` transform. */
export interface Transform {
  regex: RegExp;
  format: FormatPart[];
}

type FormatPart =
  | { type: 'text'; value: string }
  | { type: 'group'; index: number; modifier: string | undefined; ifText: string | undefined; elseText: string | undefined };

/** Raised for a snippet body VS Code would not read the way its author meant. */
export class SnippetSyntaxError extends Error {}

class Parser {
  pos = 0;
  constructor(readonly src: string) {}

  fail(msg: string): never {
    throw new SnippetSyntaxError(
      `${msg} at offset ${this.pos} in ${JSON.stringify(this.src.slice(Math.max(0, this.pos - 20), this.pos + 20))}`,
    );
  }

  /** Parses nodes until `stop` (a closing `}` inside a placeholder) or the end. */
  nodes(inside: boolean): SnippetNode[] {
    const out: SnippetNode[] = [];
    let text = '';
    const flush = () => {
      if (text) out.push({ type: 'text', value: text });
      text = '';
    };
    while (this.pos < this.src.length) {
      const c = this.src[this.pos]!;
      if (c === '\\') {
        const n = this.src[this.pos + 1];
        if (n === '$' || n === '}' || n === '\\') {
          text += n;
          this.pos += 2;
        } else {
          text += c;
          this.pos++;
        }
        continue;
      }
      if (inside && c === '}') {
        flush();
        return out;
      }
      if (c === '$') {
        const node = this.dollar();
        if (node) {
          flush();
          out.push(node);
          continue;
        }
        text += c;
        this.pos++;
        continue;
      }
      text += c;
      this.pos++;
    }
    if (inside) this.fail('unclosed ${');
    flush();
    return out;
  }

  /** A `$…` construct, or undefined when the `$` is plain text (as VS Code treats `$` + non-word). */
  dollar(): SnippetNode | undefined {
    const rest = this.src.slice(this.pos + 1);
    let m = /^(\d+)/.exec(rest);
    if (m) {
      this.pos += 1 + m[1]!.length;
      return { type: 'tabstop', index: Number(m[1]), children: undefined, choices: undefined, transform: undefined };
    }
    m = /^([_a-zA-Z][_a-zA-Z0-9]*)/.exec(rest);
    if (m) {
      this.pos += 1 + m[1]!.length;
      return { type: 'variable', name: m[1]!, children: undefined, transform: undefined };
    }
    if (!rest.startsWith('{')) return undefined;
    m = /^\{(\d+|[_a-zA-Z][_a-zA-Z0-9]*)/.exec(rest);
    if (!m) return undefined;
    const start = this.pos;
    this.pos += 1 + m[0].length;
    const id = m[1]!;
    const isIndex = /^\d/.test(id);
    const next = this.src[this.pos];
    if (next === '}') {
      this.pos++;
      return isIndex
        ? { type: 'tabstop', index: Number(id), children: undefined, choices: undefined, transform: undefined }
        : { type: 'variable', name: id, children: undefined, transform: undefined };
    }
    if (next === ':') {
      this.pos++;
      const children = this.nodes(true);
      this.pos++; // the closing brace
      return isIndex
        ? { type: 'tabstop', index: Number(id), children, choices: undefined, transform: undefined }
        : { type: 'variable', name: id, children, transform: undefined };
    }
    if (next === '|' && isIndex) {
      this.pos++;
      const choices: string[] = [];
      let cur = '';
      for (;;) {
        const c = this.src[this.pos];
        if (c === undefined) this.fail('unclosed choice');
        if (c === '\\' && [',', '|', '\\', '$', '}'].includes(this.src[this.pos + 1] ?? '')) {
          cur += this.src[this.pos + 1];
          this.pos += 2;
        } else if (c === ',') {
          choices.push(cur);
          cur = '';
          this.pos++;
        } else if (c === '|' && this.src[this.pos + 1] === '}') {
          choices.push(cur);
          this.pos += 2;
          return { type: 'tabstop', index: Number(id), children: undefined, choices, transform: undefined };
        } else {
          cur += c;
          this.pos++;
        }
      }
    }
    if (next === '/') {
      this.pos++;
      const transform = this.transform();
      return isIndex
        ? { type: 'tabstop', index: Number(id), children: undefined, choices: undefined, transform }
        : { type: 'variable', name: id, children: undefined, transform };
    }
    this.pos = start;
    return this.fail('malformed ${…}');
  }

  /** Reads up to an unescaped `/`, returning the raw text (escapes of `/` resolved). */
  until(ch: string): string {
    let out = '';
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) this.fail(`missing ${ch}`);
      if (c === '\\' && this.src[this.pos + 1] === ch) {
        out += ch;
        this.pos += 2;
        continue;
      }
      if (c === '\\' && this.src[this.pos + 1] !== undefined) {
        out += c + this.src[this.pos + 1];
        this.pos += 2;
        continue;
      }
      if (c === ch) {
        this.pos++;
        return out;
      }
      out += c;
      this.pos++;
    }
  }

  /** The format part of a transform: up to an unescaped `/` outside `${…}`. */
  format(): string {
    let out = '';
    let depth = 0;
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) this.fail('missing / after the transform format');
      if (c === '\\' && this.src[this.pos + 1] !== undefined) {
        out += c + this.src[this.pos + 1];
        this.pos += 2;
        continue;
      }
      if (c === '$' && this.src[this.pos + 1] === '{') depth++;
      else if (c === '}' && depth > 0) depth--;
      else if (c === '/' && depth === 0) {
        this.pos++;
        return out;
      }
      out += c;
      this.pos++;
    }
  }

  transform(): Transform {
    const source = this.until('/');
    const formatRaw = this.format();
    const flags = this.until('}');
    let regex: RegExp;
    try {
      regex = new RegExp(source, flags);
    } catch (e) {
      this.fail(`bad transform regex: ${String(e)}`);
    }
    return { regex, format: parseFormat(formatRaw) };
  }
}

function parseFormat(raw: string): FormatPart[] {
  const out: FormatPart[] = [];
  let text = '';
  let i = 0;
  const flush = () => {
    if (text) out.push({ type: 'text', value: text });
    text = '';
  };
  while (i < raw.length) {
    const c = raw[i]!;
    if (c === '\\' && i + 1 < raw.length) {
      const n = raw[i + 1]!;
      text += n === 'n' ? '\n' : n === 't' ? '\t' : n;
      i += 2;
      continue;
    }
    if (c === '$') {
      const rest = raw.slice(i + 1);
      let m = /^(\d+)/.exec(rest);
      if (m) {
        flush();
        out.push({ type: 'group', index: Number(m[1]), modifier: undefined, ifText: undefined, elseText: undefined });
        i += 1 + m[1]!.length;
        continue;
      }
      m = /^\{(\d+)(?::(\/\w+|\+[^}]*|-[^}]*|\?[^:}]*:[^}]*|[^}]*))?\}/.exec(rest);
      if (m) {
        flush();
        const index = Number(m[1]);
        const spec = m[2];
        let part: FormatPart = { type: 'group', index, modifier: undefined, ifText: undefined, elseText: undefined };
        if (spec?.startsWith('/')) part = { ...part, modifier: spec.slice(1) };
        else if (spec?.startsWith('+')) part = { ...part, ifText: spec.slice(1) };
        else if (spec?.startsWith('-')) part = { ...part, elseText: spec.slice(1) };
        else if (spec?.startsWith('?')) {
          const [a, b] = spec.slice(1).split(':');
          part = { ...part, ifText: a ?? '', elseText: b ?? '' };
        } else if (spec !== undefined) part = { ...part, elseText: spec };
        out.push(part);
        i += 1 + m[0].length;
        continue;
      }
    }
    text += c;
    i++;
  }
  flush();
  return out;
}

/** Parses a snippet body; throws {@link SnippetSyntaxError} for an unclosed or malformed construct. */
export function parseSnippet(body: string): SnippetNode[] {
  return new Parser(body).nodes(false);
}

function applyModifier(s: string, modifier: string | undefined): string {
  switch (modifier) {
    case undefined:
      return s;
    case 'upcase':
      return s.toUpperCase();
    case 'downcase':
      return s.toLowerCase();
    case 'capitalize':
      return s.charAt(0).toUpperCase() + s.slice(1);
    case 'camelcase':
    case 'pascalcase': {
      const words = s.split(/[-_\s]+/).filter(Boolean);
      const joined = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join('');
      return modifier === 'camelcase' ? joined.charAt(0).toLowerCase() + joined.slice(1) : joined;
    }
    default:
      throw new SnippetSyntaxError(`unknown format modifier /${modifier}`);
  }
}

function applyTransform(value: string, t: Transform): string {
  const replace = (match: RegExpExecArray | RegExpMatchArray) =>
    t.format
      .map((p) => {
        if (p.type === 'text') return p.value;
        const g = match[p.index];
        if (g) return p.ifText !== undefined ? p.ifText : applyModifier(g, p.modifier);
        return p.elseText ?? '';
      })
      .join('');
  if (t.regex.global) {
    let out = '';
    let last = 0;
    for (const m of value.matchAll(t.regex)) {
      out += value.slice(last, m.index) + replace(m);
      last = (m.index ?? 0) + m[0].length;
    }
    return out + value.slice(last);
  }
  const m = t.regex.exec(value);
  if (!m) return value;
  return value.slice(0, m.index) + replace(m) + value.slice(m.index + m[0].length);
}

/** What {@link expandSnippet} reports besides the text. */
export interface Expansion {
  text: string;
  /** Tabstop indexes in the body (0 included when present). */
  tabstops: number[];
  /** Variables the body names that the resolver did not know (VS Code would insert their names). */
  unknownVariables: string[];
}

/**
 * Expands a snippet with every default accepted: a placeholder's text, a choice's first option,
 * mirrors repeating their tabstop's default, variables from `variables`.
 */
export function expandSnippet(body: string, variables: Readonly<Record<string, string>>): Expansion {
  const nodes = parseSnippet(body);
  const defaults = new Map<number, SnippetNode[] | string>();
  const tabstops = new Set<number>();
  const collect = (list: readonly SnippetNode[]) => {
    for (const n of list) {
      if (n.type === 'tabstop') {
        tabstops.add(n.index);
        if (!defaults.has(n.index)) {
          if (n.choices) defaults.set(n.index, n.choices[0] ?? '');
          else if (n.children) defaults.set(n.index, n.children);
        }
        if (n.children) collect(n.children);
      } else if (n.type === 'variable' && n.children) collect(n.children);
    }
  };
  collect(nodes);
  const unknown = new Set<string>();
  const render = (list: readonly SnippetNode[], depth: number): string =>
    list
      .map((n) => {
        if (n.type === 'text') return n.value;
        if (n.type === 'tabstop') {
          const d = defaults.get(n.index);
          if (depth > 20) throw new SnippetSyntaxError(`placeholder ${n.index} refers to itself`);
          const v = d === undefined ? '' : typeof d === 'string' ? d : render(d, depth + 1);
          return n.transform ? applyTransform(v, n.transform) : v;
        }
        const known = Object.prototype.hasOwnProperty.call(variables, n.name) ? variables[n.name] : undefined;
        if (known === undefined && !n.children) unknown.add(n.name);
        let v = known !== undefined && known !== '' ? known : n.children ? render(n.children, depth + 1) : (known ?? n.name);
        if (n.transform) v = applyTransform(v, n.transform);
        return v;
      })
      .join('');
  return { text: render(nodes, 0), tabstops: [...tabstops].sort((a, b) => a - b), unknownVariables: [...unknown] };
}

/** The variables VS Code resolves, with fixed values for a file at `relativePath` in `workspace`. */
export function editorVariables(workspaceFolder: string, relativePath: string): Record<string, string> {
  const parts = relativePath.split('/');
  const file = parts[parts.length - 1]!;
  const dir = [workspaceFolder, ...parts.slice(0, -1)].join('/');
  const dot = file.lastIndexOf('.');
  return {
    TM_SELECTED_TEXT: '',
    TM_CURRENT_LINE: '',
    TM_CURRENT_WORD: '',
    TM_LINE_INDEX: '0',
    TM_LINE_NUMBER: '1',
    TM_FILENAME: file,
    TM_FILENAME_BASE: dot > 0 ? file.slice(0, dot) : file,
    TM_DIRECTORY: dir,
    TM_FILEPATH: `${dir}/${file}`,
    RELATIVE_FILEPATH: relativePath,
    CLIPBOARD: '',
    WORKSPACE_NAME: workspaceFolder.split('/').pop() ?? 'workspace',
    WORKSPACE_FOLDER: workspaceFolder,
    CURSOR_INDEX: '0',
    CURSOR_NUMBER: '1',
    CURRENT_YEAR: '2026',
    CURRENT_YEAR_SHORT: '26',
    CURRENT_MONTH: '11',
    CURRENT_MONTH_NAME: 'November',
    CURRENT_MONTH_NAME_SHORT: 'Nov',
    CURRENT_DATE: '23',
    CURRENT_DAY_NAME: 'Monday',
    CURRENT_DAY_NAME_SHORT: 'Mon',
    CURRENT_HOUR: '12',
    CURRENT_MINUTE: '00',
    CURRENT_SECOND: '00',
    CURRENT_SECONDS_UNIX: '1795435200',
    CURRENT_TIMEZONE_OFFSET: '+00:00',
    RANDOM: '123456',
    RANDOM_HEX: 'a1b2c3',
    UUID: '1b4e28ba-2fa1-11d2-883f-0016d3cca427',
    LINE_COMMENT: '#',
    BLOCK_COMMENT_START: '',
    BLOCK_COMMENT_END: '',
  };
}
