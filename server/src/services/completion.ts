/**
 * Completion, as plain data: rule ids in suppression comments, and Kubernetes field names and
 * enum values from the bundled schemas. Never sees the LSP connection.
 */
import { composeCompletionsAt } from './compose';
import type { Position, Range } from '../engine/types';
import { loadBundle, schemaAt, type SchemaNode } from '../k8s/schema';
import { fieldMarkdown, ruleMarkdown, type RuleDoc, type ServiceDocument, type ServiceEnvironment } from './hover';
import { commentStart, keysOf, placeAt, splitLines, topLevelScalar, type YamlPath } from './yamlPath';

/** What a completion proposes. */
export type CompletionKind = 'rule' | 'directive' | 'field' | 'value';

/** One proposal; `insertText` is a VS Code snippet when `snippet` is set. */
export interface CompletionEntry {
  readonly label: string;
  readonly kind: CompletionKind;
  readonly detail?: string;
  /** Markdown. */
  readonly documentation?: string;
  readonly insertText: string;
  readonly snippet?: boolean;
  /** The text the proposal replaces (the partial word at the cursor). */
  readonly range: Range;
  readonly sortText?: string;
}

function range(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

const IGNORE_LIST = /^(\s*#\s*shipshape-ignore(?:-file)?\s+)((?:[\w./-]+\s*,\s*)*)([\w./-]*)$/;
const HADOLINT_LIST = /^(\s*#\s*hadolint\s+(?:global\s+)?ignore\s*=\s*)((?:\w+\s*,\s*)*)(\w*)$/i;
/** Docker's build-check directive: `# check=skip=A,B` (options separated by `;`). */
const DOCKER_SKIP = /^(\s*#\s*check\s*=\s*(?:[^;\n]*;\s*)*skip\s*=\s*)((?:\w+\s*,\s*)*)(\w*)$/i;
const DIRECTIVE = /^(\s*#\s*)(s[\w-]*)$/;

/**
 * Rule ids after `# shipshape-ignore` / `-file`, hadolint ids after `# hadolint ignore=`, Docker's check names after
 * `# check=skip=`, and the directives themselves.
 */
export function suppressionCompletions(
  line: string,
  lineNo: number,
  character: number,
  doc: ServiceDocument,
  rules: readonly RuleDoc[],
): CompletionEntry[] | undefined {
  const before = line.slice(0, character);
  let end = character;
  while (end < line.length && /[\w./-]/.test(line[end]!)) end++;
  let m = IGNORE_LIST.exec(before);
  if (m) {
    const listed = new Set(m[2]!.split(/[\s,]+/).filter(Boolean));
    const r = range(lineNo, character - m[3]!.length, end);
    return rules
      .filter((rule) => !listed.has(rule.id))
      .map((rule) => {
        const applies = !rule.appliesTo || rule.appliesTo.includes(doc.kind);
        return {
          label: rule.id,
          kind: 'rule' as const,
          detail: rule.title,
          documentation: ruleMarkdown(rule),
          insertText: rule.id,
          range: r,
          // The rules that can fire on this kind of file first.
          sortText: `${applies ? 0 : 1}${rule.id}`,
        };
      });
  }
  m = HADOLINT_LIST.exec(before) ?? DOCKER_SKIP.exec(before);
  if (m && doc.kind === 'dockerfile') {
    const tool = HADOLINT_LIST.test(before) ? 'hadolint' : 'docker';
    const listed = new Set(
      m[2]!
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((s) => s.toUpperCase()),
    );
    const r = range(lineNo, character - m[3]!.length, end);
    // One entry per check id; a Docker check can be covered by several rules.
    const byId = new Map<string, RuleDoc[]>();
    for (const rule of rules) {
      for (const a of rule.aliases ?? []) {
        if (!a.startsWith(`${tool}:`)) continue;
        const id = a.slice(tool.length + 1);
        if (!listed.has(id.toUpperCase())) byId.set(id, [...(byId.get(id) ?? []), rule]);
      }
    }
    const out: CompletionEntry[] = [...byId].map(([id, covering]) => ({
      label: id,
      kind: 'rule' as const,
      detail: covering.length === 1 ? `${covering[0]!.id} — ${covering[0]!.title}` : covering.map((x) => x.id).join(', '),
      documentation: covering.map((x) => ruleMarkdown(x)).join('\n\n'),
      insertText: id,
      range: r,
    }));
    return out.sort((a, b) => a.label.localeCompare(b.label));
  }
  m = DIRECTIVE.exec(before);
  if (m && 'shipshape-ignore'.startsWith(m[2]!.slice(0, 'shipshape-ignore'.length))) {
    const r = range(lineNo, m[1]!.length, end);
    return [
      {
        label: 'shipshape-ignore',
        kind: 'directive',
        detail: 'Suppress findings on the next line',
        documentation: 'Suppresses the listed rules on the next instruction or YAML block: `# shipshape-ignore k8s/image-latest-tag`.',
        insertText: 'shipshape-ignore ',
        range: r,
      },
      {
        label: 'shipshape-ignore-file',
        kind: 'directive',
        detail: 'Suppress findings in the whole file',
        documentation: 'Suppresses the listed rules everywhere in this file: `# shipshape-ignore-file dockerfile/maintainer-deprecated`.',
        insertText: 'shipshape-ignore-file ',
        range: r,
      },
    ];
  }
  return undefined;
}

function escapeChoice(v: string): string {
  return v.replace(/[\\$}|,]/g, (c) => `\\${c}`);
}

/** What to insert for a key, shaped by its value's type (VS Code re-indents the later lines). */
function keyInsert(key: string, node: SchemaNode): string {
  switch (node.t) {
    case 'object':
    case 'map':
      return `${key}:\n  $0`;
    case 'array':
      return `${key}:\n  - $0`;
    case 'enum':
      return `${key}: \${1|${node.values.map(escapeChoice).join(',')}|}$0`;
    case 'boolean':
      return `${key}: \${1|true,false|}$0`;
    default:
      return `${key}: $0`;
  }
}

function apiVersions(): string[] {
  const set = new Set<string>();
  for (const key of loadBundle().kinds.keys()) set.add(key.slice(0, key.lastIndexOf('/')));
  return [...set].sort();
}

function kindsOf(apiVersion: string | undefined): string[] {
  const set = new Set<string>();
  for (const key of loadBundle().kinds.keys()) {
    const slash = key.lastIndexOf('/');
    if (!apiVersion || key.slice(0, slash) === apiVersion) set.add(key.slice(slash + 1));
  }
  return [...set].sort();
}

function manifestCompletions(lines: readonly string[], pos: Position, env: ServiceEnvironment): CompletionEntry[] | undefined {
  const line = lines[pos.line] ?? '';
  const c = commentStart(line);
  if (c !== undefined && pos.character > c) return undefined;
  const place = placeAt(lines, pos.line, pos.character);
  if (!place) return undefined;
  const apiVersion = topLevelScalar(lines, pos.line, 'apiVersion');
  const kind = topLevelScalar(lines, pos.line, 'kind');
  const r = range(pos.line, place.start, place.end);
  if (place.type === 'value') {
    const path = place.path;
    if (path.length === 1 && path[0] === 'apiVersion') {
      return apiVersions().map((v) => ({ label: v, kind: 'value' as const, insertText: v, range: r }));
    }
    if (path.length === 1 && path[0] === 'kind') {
      return kindsOf(apiVersion).map((k) => ({ label: k, kind: 'value' as const, detail: apiVersion, insertText: k, range: r }));
    }
    if (!apiVersion || !kind) return undefined;
    const info = schemaAt(apiVersion, kind, path, env.workspace);
    if (!info) return undefined;
    const values = info.schema.t === 'enum' ? info.schema.values : info.schema.t === 'boolean' ? ['true', 'false'] : [];
    return values.map((v) => ({ label: v, kind: 'value' as const, detail: info.type, insertText: v, range: r }));
  }
  const parent: YamlPath = place.parent;
  if (!apiVersion || !kind) {
    if (parent.length > 0) return undefined;
    return ['apiVersion', 'kind']
      .filter((k) => !keysOf(lines, pos.line).some((o) => o.parent.length === 0 && o.key === k && o.line !== pos.line))
      .map((k) => ({ label: k, kind: 'field' as const, insertText: `${k}: $0`, snippet: true, range: r }));
  }
  const owner = schemaAt(apiVersion, kind, parent, env.workspace);
  if (!owner || owner.schema.t !== 'object') return undefined;
  const parentKey = JSON.stringify(parent);
  const present = new Set(
    keysOf(lines, pos.line)
      .filter((o) => o.line !== pos.line && JSON.stringify(o.parent) === parentKey)
      .map((o) => o.key),
  );
  const out: CompletionEntry[] = [];
  for (const [name, node] of owner.schema.props) {
    if (present.has(name) || (parent.length === 0 && name === 'status')) continue;
    const info = schemaAt(apiVersion, kind, [...parent, name], env.workspace);
    out.push({
      label: name,
      kind: 'field',
      detail: info?.type,
      documentation: info ? fieldMarkdown(name, info) : undefined,
      insertText: keyInsert(name, node),
      snippet: true,
      range: r,
      // Required fields first.
      sortText: `${info?.required ? 0 : 1}${name}`,
    });
  }
  return out;
}

/** Completion proposals at `pos`, or undefined when Shipshape has none there. */
export function completionsAt(doc: ServiceDocument, pos: Position, env: ServiceEnvironment): CompletionEntry[] | undefined {
  const lines = splitLines(doc.text);
  const line = lines[pos.line];
  if (line === undefined) return undefined;
  if (line.slice(0, pos.character).includes('#')) {
    const sup = suppressionCompletions(line, pos.line, pos.character, doc, env.rules);
    if (sup) return sup;
  }
  if (doc.kind === 'manifest') return manifestCompletions(lines, pos, env);
  if (doc.kind === 'compose')
    return composeCompletionsAt(doc.text, pos)?.map((c) => ({ ...c, kind: 'field' as const, insertText: `${c.label}: ` }));
  return undefined;
}
