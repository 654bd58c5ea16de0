import { isMap, isPair, isScalar } from 'yaml';
import type { ParsedDocument } from './rule';
import { getIn } from '../parse/yaml';
import type { ResolvedFinding } from './types';

/** Which ids a suppression names: Shipshape ids, or one tool's ids (matched through aliases). */
interface IdSet {
  /** `shipshape` ids match rule ids; other tools' ids match `tool:ID` aliases. */
  readonly tool: 'shipshape' | 'hadolint' | 'docker' | 'kube-linter' | 'polaris' | 'kube-score' | 'checkov';
  /** Upper-cased for the tools whose ids are case-insensitive; `*` means every id of the tool. */
  readonly ids: readonly string[];
}

/** A suppression and the lines it covers (inclusive; whole file when `lines` is undefined). */
interface Suppression {
  readonly idSet: IdSet;
  readonly lines: readonly [number, number] | undefined;
}

function splitIds(s: string): string[] {
  return s
    .split(/[,\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);
}

/**
 * A peer's check id in the form its aliases are compared: lower case, and for kube-score the
 * display name (`Container Resources`) turned into its id (`container-resources`) the way kube-score
 * derives one from the other.
 */
function normalId(id: string): string {
  return id.trim().toLowerCase().replace(/\s+/g, '-');
}

function matches(idSet: IdSet, f: { ruleId: string; aliases: readonly string[] }): boolean {
  if (idSet.tool === 'shipshape') {
    // `tool:check` in a Shipshape comment names a peer's check through the rule's aliases.
    return idSet.ids.some((id) => id === f.ruleId || (id.includes(':') && f.aliases.some((a) => normalId(a) === normalId(id))));
  }
  const prefix = `${idSet.tool}:`;
  const own = f.aliases.filter((a) => a.startsWith(prefix)).map((a) => normalId(a.slice(prefix.length)));
  if (own.length === 0) return false;
  return idSet.ids.includes('*') || idSet.ids.some((id) => own.includes(normalId(id)));
}

const IGNORE_NEXT = /^\s*#\s*shipshape-ignore(?!-file)\s+([\w./:,-]+(?:\s*,\s*[\w./:-]+)*)/;
const IGNORE_FILE = /^\s*#\s*shipshape-ignore-file\s+([\w./:,-]+(?:\s*,\s*[\w./:-]+)*)/;
const HADOLINT = /^\s*#\s*hadolint\s+(global\s+)?ignore\s*=\s*([\w,\s]+)/i;
const CHECKOV = /#\s*checkov:skip=([A-Z0-9_]+)/gi;
/** A parser directive at the top of a Dockerfile: `# key=value`. */
const DIRECTIVE = /^\s*#\s*([A-Za-z][\w-]*)\s*=\s*(.*?)\s*$/;
/** Every comment form above contains one of these; most files have none, and skip the line scan. */
const ANY_COMMENT_FORM = /shipshape-ignore|hadolint|checkov:skip|check\s*=/i;

/**
 * Docker's build-check directive, `# check=skip=<Check>,<Check>` (or `skip=all`), with `;` between options.
 * Like every parser directive it only counts in the leading comment lines of the file.
 */
function dockerSkips(lines: readonly string[]): string[] {
  const ids: string[] = [];
  for (const line of lines) {
    const m = DIRECTIVE.exec(line);
    if (!m) break;
    if (m[1]!.toLowerCase() !== 'check') continue;
    for (const opt of m[2]!.split(';')) {
      const [k, v] = opt.split('=').map((x) => x.trim());
      if (k?.toLowerCase() === 'skip' && v)
        ids.push(
          ...v
            .split(',')
            .map((x) => (x.trim().toLowerCase() === 'all' ? '*' : x.trim()))
            .filter(Boolean),
        );
    }
  }
  return ids;
}

/** The next line after `line` that is neither blank nor a comment. */
function nextContentLine(lines: readonly string[], line: number): number | undefined {
  for (let i = line + 1; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (t !== '' && !t.startsWith('#')) return i;
  }
  return undefined;
}

/** The last line of the logical unit starting at `start` (a Dockerfile instruction or a YAML block). */
function unitEnd(lines: readonly string[], start: number, dockerfile: boolean, escapeChar: string): number {
  if (dockerfile) {
    let i = start;
    while (i + 1 < lines.length && lines[i]!.replace(/\s+$/, '').endsWith(escapeChar)) i++;
    // A heredoc body belongs to the instruction too; the parser's instruction range covers it, so
    // callers that have the AST pass that range instead.
    return i;
  }
  const head = lines[start]!;
  const own = head.length - head.trimStart().length;
  // `key:` with nothing after it may own a compact sequence at its own indentation.
  const opensSeq = /:\s*(?:#.*)?$/.test(head);
  let end = start;
  for (let i = start + 1; i < lines.length; i++) {
    const t = lines[i]!;
    const trimmed = t.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const ind = t.length - trimmed.length;
    if (ind > own || (opensSeq && ind === own && trimmed.startsWith('-'))) {
      end = i;
      continue;
    }
    break;
  }
  return end;
}

/** Adds the suppressions written as comments (`# shipshape-ignore …`, hadolint's, Checkov's). */
function collectComments(doc: ParsedDocument, out: Suppression[]): void {
  const lines = doc.text.split(/\r\n|\r|\n/);
  const isDockerfile = doc.kind === 'dockerfile';
  const skips = isDockerfile ? dockerSkips(lines) : [];
  if (skips.length) out.push({ idSet: { tool: 'docker', ids: skips }, lines: undefined });
  const escapeChar = isDockerfile ? doc.ast.getEscapeCharacter() : '\\';
  const instructionEnd = (start: number): number => {
    if (isDockerfile) {
      for (const ins of doc.ast.getInstructions()) {
        const r = ins.getRange();
        if (r.start.line === start) return r.end.line;
      }
    }
    return unitEnd(lines, start, isDockerfile, escapeChar);
  };
  lines.forEach((line, i) => {
    if (!line.includes('#')) return;
    let m = IGNORE_FILE.exec(line);
    if (m) {
      out.push({ idSet: { tool: 'shipshape', ids: splitIds(m[1]!) }, lines: undefined });
      return;
    }
    m = IGNORE_NEXT.exec(line);
    if (m) {
      const next = nextContentLine(lines, i);
      if (next !== undefined) out.push({ idSet: { tool: 'shipshape', ids: splitIds(m[1]!) }, lines: [next, instructionEnd(next)] });
      return;
    }
    m = HADOLINT.exec(line);
    if (m && isDockerfile) {
      const ids = splitIds(m[2]!);
      if (m[1]) out.push({ idSet: { tool: 'hadolint', ids }, lines: undefined });
      else {
        const next = nextContentLine(lines, i);
        if (next !== undefined) out.push({ idSet: { tool: 'hadolint', ids }, lines: [next, instructionEnd(next)] });
      }
      return;
    }
    for (const cm of line.matchAll(CHECKOV)) {
      // Checkov reads Dockerfile skips for the whole file, and YAML skips for the resource they sit in.
      out.push({ idSet: { tool: 'checkov', ids: [cm[1]!] }, lines: isDockerfile ? undefined : documentSpan(doc, i) });
    }
  });
}

/** Collects every suppression in a document: comments of all forms and peer annotations. */
function collect(doc: ParsedDocument): Suppression[] {
  const out: Suppression[] = [];
  if (ANY_COMMENT_FORM.test(doc.text)) collectComments(doc, out);
  if (doc.kind === 'manifest') {
    for (const obj of doc.objects) {
      const span: [number, number] = [obj.range.start.line, obj.range.end.line];
      const ann = getIn(obj.root, ['metadata', 'annotations']);
      if (!isMap(ann)) continue;
      const polarisIds: string[] = [];
      for (const item of ann.items) {
        if (!isPair(item) || !isScalar(item.key)) continue;
        const key = String(item.key.value);
        const val = isScalar(item.value) ? String(item.value.value ?? '') : '';
        let mm: RegExpExecArray | null;
        if ((mm = /^ignore-check\.kube-linter\.io\/(.+)$/.exec(key))) {
          out.push({ idSet: { tool: 'kube-linter', ids: [mm[1]!] }, lines: span });
        } else if (key === 'polaris.fairwinds.com/exempt' && val.toLowerCase() === 'true') {
          polarisIds.push('*');
        } else if ((mm = /^polaris\.fairwinds\.com\/(.+)-exempt$/.exec(key)) && val.toLowerCase() === 'true') {
          polarisIds.push(mm[1]!);
        } else if (key === 'kube-score/ignore') {
          // Comma-separated; an entry may be a display name with spaces (`Container Resources`).
          const ids = val
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean);
          out.push({ idSet: { tool: 'kube-score', ids }, lines: span });
        } else if (/^checkov\.io\/skip\d*$/.test(key)) {
          const id = val.split('=')[0]!.trim();
          if (id) out.push({ idSet: { tool: 'checkov', ids: [id] }, lines: span });
        }
      }
      if (polarisIds.length) out.push({ idSet: { tool: 'polaris', ids: polarisIds }, lines: span });
    }
  }
  return out;
}

function documentSpan(doc: ParsedDocument, line: number): [number, number] | undefined {
  if (doc.kind !== 'manifest') return undefined;
  for (const obj of doc.objects) {
    if (obj.range.start.line - 1 <= line && line <= obj.range.end.line) return [obj.range.start.line, obj.range.end.line];
  }
  return undefined;
}

/** Drops the findings that a suppression comment or a peer tool's annotation covers. */
export function applySuppressions(
  doc: ParsedDocument,
  findings: readonly ResolvedFinding[],
  aliasesOf: (ruleId: string) => readonly string[],
): ResolvedFinding[] {
  if (findings.length === 0) return [];
  const sups = collect(doc);
  if (sups.length === 0) return [...findings];
  return findings.filter((f) => {
    const key = { ruleId: f.ruleId, aliases: aliasesOf(f.ruleId) };
    const line = f.range.start.line;
    return !sups.some((s) => (!s.lines || (s.lines[0] <= line && line <= s.lines[1])) && matches(s.idSet, key));
  });
}
