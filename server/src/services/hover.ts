/**
 * Hovers, as plain data: Dockerfile instructions and parser directives, rule ids in suppression
 * comments (Shipshape's own and other tools' ids matched through aliases), Kubernetes fields
 * from the bundled schemas, and Helm values keys from the chart's `values.schema.json`. Never sees the LSP connection.
 */
import { testLinear } from '../engine/regex';
import * as path from 'node:path';
import type { DockerfileDocument } from '../parse/dockerfile';
import { ruleDocsUrl } from '../docs/links';
import type { DocumentKind, Position, Range, Severity } from '../engine/types';
import { readCached } from '../helm/chart';
import type { WorkspaceView } from '../engine/workspace';
import { schemaAt, type FieldInfo } from '../k8s/schema';
import { commentStart, placeAt, splitLines, topLevelScalar, type YamlPath } from './yamlPath';

/** What a hover or completion needs to know about a rule. */
export interface RuleDoc {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly docs: string;
  readonly remediation: string;
  readonly aliases?: readonly string[];
  readonly appliesTo?: readonly DocumentKind[];
}

/** A document as the services see it. */
export interface ServiceDocument {
  readonly text: string;
  readonly kind: DocumentKind;
  /** The parsed Dockerfile, when `kind` is `dockerfile` (parsed on demand otherwise). */
  readonly dockerfile?: DockerfileDocument;
  /** The file's path and its Helm chart's folder, when known (values hovers read the chart's schema). */
  readonly path?: string;
  readonly chartRoot?: string;
}

/** Everything besides the document. */
export interface ServiceEnvironment {
  readonly rules: readonly RuleDoc[];
  readonly workspace?: WorkspaceView;
  /** Reads another file (a chart's `values.schema.json`); defaults to the disk. */
  readonly readText?: (file: string) => string | undefined;
}

/** A hover: Markdown and the range it is about. */
export interface HoverResult {
  readonly markdown: string;
  readonly range: Range;
}

/** The Markdown that describes a rule (hover and completion documentation). */
export function ruleMarkdown(rule: RuleDoc): string {
  const aliases = rule.aliases?.length ? `\n\nAlso known as ${rule.aliases.map((a) => `\`${a}\``).join(', ')}.` : '';
  return (
    `**${rule.id}** — ${rule.title} (default: ${rule.severity})\n\n${rule.docs.trim()}\n\n` +
    `**Fix:** ${rule.remediation.trim()}${aliases}\n\n[Documentation](${ruleDocsUrl(rule.id)})`
  );
}

/** Brief descriptions of each Dockerfile instruction, written for Shipshape. */
const INSTRUCTIONS: Readonly<Record<string, string>> = {
  FROM: 'Starts a build stage from a base image (`FROM image[:tag|@digest] [AS name]`). Pin the tag, or the digest for reproducible builds.',
  RUN: 'Runs a command in a new layer at build time. Shell form runs under `/bin/sh -c` (or `SHELL`); exec form (`["cmd", "arg"]`) runs without a shell. Supports `--mount` (cache, secret, ssh, bind) and `--network`.',
  CMD: 'The default command (or the default arguments to `ENTRYPOINT`) of the container. Prefer exec form so the process is PID 1 and receives signals; only the last `CMD` counts.',
  LABEL: 'Adds key/value metadata to the image (OCI annotations such as `org.opencontainers.image.source`).',
  MAINTAINER: 'Deprecated: sets the author field. Use `LABEL org.opencontainers.image.authors="…"` instead.',
  EXPOSE: 'Documents the ports the container listens on (`80`, `8080/tcp`, `53/udp`). It publishes nothing by itself.',
  ENV: 'Sets environment variables for the later instructions and the running container (`ENV KEY=value`). Values end up in the image: never put secrets here.',
  ADD: 'Copies files, remote URLs or archives (which it extracts) into the image. Prefer `COPY` for local files; `ADD` is for URLs with `--checksum` and archives.',
  COPY: 'Copies files from the build context or another stage (`--from=stage`) into the image; `--chown`, `--chmod` and `--link` set ownership, mode and layer independence.',
  ENTRYPOINT: 'The executable the container runs; `CMD` supplies its default arguments. Prefer exec form so signals reach the process.',
  VOLUME:
    'Declares a mount point whose contents are kept out of the container layer. Changes to it after the declaration are discarded at build time.',
  USER: 'Sets the user (and group) for the later instructions and the container. Use a numeric, non-root UID so Kubernetes `runAsNonRoot` can verify it.',
  WORKDIR: 'Sets the working directory for the later instructions, creating it if needed. Use an absolute path instead of `cd` in `RUN`.',
  ARG: 'Declares a build argument (`ARG NAME[=default]`) set with `--build-arg`. Visible in the image history: not for secrets (use `RUN --mount=type=secret`).',
  ONBUILD: 'Registers an instruction that runs when another image builds `FROM` this one.',
  STOPSIGNAL: 'The signal that asks the container to stop (default `SIGTERM`).',
  HEALTHCHECK:
    'Tells the runtime how to test that the container still works (`HEALTHCHECK [--interval=…] CMD …`), or `NONE` to disable an inherited check.',
  SHELL: 'Replaces the shell used by shell-form instructions, e.g. `SHELL ["/bin/bash", "-o", "pipefail", "-c"]`.',
};

const DIRECTIVES: Readonly<Record<string, string>> = {
  syntax:
    'Parser directive: the BuildKit frontend image that reads this Dockerfile (e.g. `docker/dockerfile:1`). Must come before any instruction.',
  escape:
    'Parser directive: the escape character of this Dockerfile (`\\` by default, `` ` `` on Windows). Must come before any instruction.',
  check: 'Parser directive: configures BuildKit build checks (`skip=…`, `error=true`). Must come before any instruction.',
};

function instructionUrl(keyword: string): string {
  return `https://docs.docker.com/reference/dockerfile/#${keyword.toLowerCase()}`;
}

function range(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

/** The id-like token under `character` on `line`, with its bounds. */
function tokenAt(line: string, character: number, chars: RegExp): { text: string; start: number; end: number } | undefined {
  let s = character;
  let e = character;
  while (s > 0 && chars.test(line[s - 1]!)) s--;
  while (e < line.length && chars.test(line[e]!)) e++;
  return e > s ? { text: line.slice(s, e), start: s, end: e } : undefined;
}

const ID_CHARS = /[\w./-]/;
const SUPPRESSION = /^\s*#\s*shipshape-ignore(?:-file)?\s+/;
const HADOLINT = /^\s*#\s*hadolint\s+(?:global\s+)?ignore\s*=\s*/i;
const CHECKOV = /#\s*checkov:skip=/gi;

/** Rules whose aliases include `tool:id` (case-insensitive, as those tools' ids are). */
function rulesByAlias(rules: readonly RuleDoc[], tool: string, id: string): RuleDoc[] {
  const want = `${tool}:${id}`.toLowerCase();
  return rules.filter((r) => r.aliases?.some((a) => a.toLowerCase() === want));
}

function aliasHover(rules: readonly RuleDoc[], tool: string, id: string, r: Range): HoverResult {
  const hits = rulesByAlias(rules, tool, id);
  const markdown = hits.length
    ? `\`${tool}:${id}\` is Shipshape's:\n\n${hits.map(ruleMarkdown).join('\n\n---\n\n')}`
    : `\`${tool}:${id}\` matches no Shipshape rule, so this suppression has no effect on Shipshape's findings.`;
  return { markdown, range: r };
}

/** A hover on a rule id in a suppression comment, if the position is on one. */
export function suppressionHover(line: string, lineNo: number, character: number, rules: readonly RuleDoc[]): HoverResult | undefined {
  let m = SUPPRESSION.exec(line);
  if (m && character >= m[0].length) {
    const tok = tokenAt(line, character, ID_CHARS);
    if (!tok || tok.start < m[0].length) return undefined;
    const rule = rules.find((r) => r.id === tok.text);
    const markdown = rule ? ruleMarkdown(rule) : `\`${tok.text}\` is not a Shipshape rule id, so this suppression has no effect.`;
    return { markdown, range: range(lineNo, tok.start, tok.end) };
  }
  m = HADOLINT.exec(line);
  if (m && character >= m[0].length) {
    const tok = tokenAt(line, character, /\w/);
    if (!tok || tok.start < m[0].length) return undefined;
    return aliasHover(rules, 'hadolint', tok.text, range(lineNo, tok.start, tok.end));
  }
  for (const cm of line.matchAll(CHECKOV)) {
    const start = cm.index + cm[0].length;
    const tok = tokenAt(line, character, /[\w]/);
    if (tok && tok.start === start) return aliasHover(rules, 'checkov', tok.text, range(lineNo, tok.start, tok.end));
  }
  return undefined;
}

function dockerfileHover(doc: ServiceDocument, pos: Position, lines: readonly string[]): HoverResult | undefined {
  const line = lines[pos.line] ?? '';
  const directive = /^(\s*#\s*)(syntax|escape|check)(\s*=)/i.exec(line);
  if (directive && pos.character >= directive[1]!.length && pos.character <= directive[1]!.length + directive[2]!.length) {
    const start = directive[1]!.length;
    const text = DIRECTIVES[directive[2]!.toLowerCase()]!;
    return { markdown: text, range: range(pos.line, start, start + directive[2]!.length) };
  }
  const ast = doc.dockerfile?.ast;
  if (!ast) return undefined;
  const instructions = [...ast.getInstructions()];
  for (const ins of ast.getOnbuildTriggers()) instructions.push(ins);
  for (const ins of instructions) {
    const r = ins.getInstructionRange();
    if (r.start.line !== pos.line || pos.character < r.start.character || pos.character > r.end.character) continue;
    const keyword = ins.getKeyword().toUpperCase();
    const text = INSTRUCTIONS[keyword];
    if (!text) return undefined;
    return {
      markdown: `**${keyword}** — ${text}\n\n[Dockerfile reference](${instructionUrl(keyword)})`,
      range: { start: r.start, end: r.end },
    };
  }
  return undefined;
}

/** Markdown for one schema field. */
export function fieldMarkdown(name: string, info: FieldInfo): string {
  const required = info.required ? ' (required)' : '';
  const desc = info.description?.trim() ? `\n\n${info.description.trim()}` : '';
  return `**${name}**: \`${info.type}\`${required}${desc}`;
}

function manifestHover(pos: Position, lines: readonly string[], env: ServiceEnvironment): HoverResult | undefined {
  const place = placeAt(lines, pos.line, pos.character);
  if (!place) return undefined;
  const apiVersion = topLevelScalar(lines, pos.line, 'apiVersion');
  const kind = topLevelScalar(lines, pos.line, 'kind');
  if (!apiVersion || !kind) return undefined;
  const path: YamlPath = place.type === 'key' ? [...place.parent, place.word] : place.path;
  const name = String(path[path.length - 1]);
  if (place.type === 'key' && path.length === 1 && (name === 'apiVersion' || name === 'kind')) {
    const info = schemaAt(apiVersion, kind, []);
    if (!info) return undefined;
    return {
      markdown: `**${apiVersion}** ${kind}: \`${info.type}\`${info.description ? `\n\n${info.description}` : ''}`,
      range: range(pos.line, place.start, place.end),
    };
  }
  const info = schemaAt(apiVersion, kind, path, env.workspace);
  if (!info) return undefined;
  return { markdown: fieldMarkdown(name, info), range: range(pos.line, place.start, place.end) };
}

type JsonSchema = Record<string, unknown>;

const isSchema = (v: unknown): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Follows a local `$ref` (`#/definitions/x`, `#/$defs/x`); other refs are not followed. */
function deref(root: JsonSchema, s: JsonSchema, depth = 0): JsonSchema {
  const ref = s.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#') || depth > 16) return s;
  let cur: unknown = root;
  for (const step of ref.slice(1).split('/').filter(Boolean)) {
    const k = decodeURIComponent(step).replace(/~1/g, '/').replace(/~0/g, '~');
    cur = isSchema(cur) ? cur[k] : undefined;
  }
  return isSchema(cur) ? deref(root, { ...cur, ...Object.fromEntries(Object.entries(s).filter(([k]) => k !== '$ref')) }, depth + 1) : s;
}

/** The subschemas that describe one step below `s` (through allOf/anyOf/oneOf). */
function childSchemas(root: JsonSchema, s: JsonSchema, step: string | number, depth = 0): JsonSchema[] {
  const d = deref(root, s);
  const out: JsonSchema[] = [];
  if (typeof step === 'number') {
    const prefix = d.prefixItems ?? (Array.isArray(d.items) ? d.items : undefined);
    if (Array.isArray(prefix) && isSchema(prefix[step])) out.push(prefix[step]);
    else if (isSchema(d.items)) out.push(d.items);
  } else {
    const props = d.properties;
    if (isSchema(props) && isSchema(props[step])) out.push(props[step]);
    else {
      const patterns = d.patternProperties;
      if (isSchema(patterns)) {
        for (const [re, sub] of Object.entries(patterns)) {
          // Linear time: the pattern comes from the user's schema. One RE2 cannot run is the schema rule's finding.
          if (isSchema(sub) && testLinear(re, step) === true) out.push(sub);
        }
      }
      if (out.length === 0 && isSchema(d.additionalProperties)) out.push(d.additionalProperties);
    }
  }
  if (depth < 8) {
    for (const k of ['allOf', 'anyOf', 'oneOf']) {
      const list = d[k];
      if (Array.isArray(list)) for (const sub of list) if (isSchema(sub)) out.push(...childSchemas(root, sub, step, depth + 1));
    }
  }
  return out.map((x) => deref(root, x));
}

/** Markdown for a values key from the chart's `values.schema.json`, if the schema describes it. */
export function valuesSchemaMarkdown(schemaText: string, valuesPath: YamlPath): string | undefined {
  let root: unknown;
  try {
    root = JSON.parse(schemaText);
  } catch {
    return undefined;
  }
  if (!isSchema(root)) return undefined;
  let current: JsonSchema[] = [deref(root, root)];
  for (const step of valuesPath) {
    current = current.flatMap((c) => childSchemas(root as JsonSchema, c, step));
    if (current.length === 0) return undefined;
  }
  const pick = <T>(f: (s: JsonSchema) => T | undefined): T | undefined => current.map(f).find((x) => x !== undefined);
  const str = (k: string) => pick((s) => (typeof s[k] === 'string' && (s[k] as string).trim() ? (s[k] as string).trim() : undefined));
  const type = pick((s) => (typeof s.type === 'string' ? s.type : Array.isArray(s.type) ? s.type.join(' | ') : undefined));
  const enumValues = pick((s) => (Array.isArray(s.enum) ? s.enum : undefined));
  const def = pick((s) => ('default' in s ? s.default : undefined));
  const title = str('title');
  const description = str('description') ?? str('markdownDescription');
  const name = valuesPath.map(String).join('.');
  const parts = [`**${name}**${type ? `: \`${type}\`` : ''}${title ? ` — ${title}` : ''}`];
  if (description) parts.push(description);
  if (enumValues) parts.push(`One of: ${enumValues.map((v) => `\`${JSON.stringify(v)}\``).join(', ')}`);
  if (def !== undefined) parts.push(`Default: \`${JSON.stringify(def)}\``);
  if (!title && !description && !enumValues && def === undefined && !type) return undefined;
  return `${parts.join('\n\n')}\n\n_From values.schema.json_`;
}

function helmValuesHover(doc: ServiceDocument, pos: Position, lines: readonly string[], env: ServiceEnvironment): HoverResult | undefined {
  if (!doc.chartRoot || !doc.path || path.dirname(doc.path) !== doc.chartRoot) return undefined;
  const place = placeAt(lines, pos.line, pos.character);
  if (!place || place.type !== 'key' || !place.word) return undefined;
  const read = env.readText ?? readCached;
  const schema = read(path.join(doc.chartRoot, 'values.schema.json'));
  if (schema === undefined) return undefined;
  const markdown = valuesSchemaMarkdown(schema, [...place.parent, place.word]);
  return markdown ? { markdown, range: range(pos.line, place.start, place.end) } : undefined;
}

/** The hover at `pos`, if Shipshape has something to say there. */
export function hoverAt(doc: ServiceDocument, pos: Position, env: ServiceEnvironment): HoverResult | undefined {
  if (doc.kind === 'other') return undefined;
  const lines = splitLines(doc.text);
  const line = lines[pos.line];
  if (line === undefined) return undefined;
  const hash = line.indexOf('#');
  if (hash >= 0 && pos.character > hash) {
    const sup = suppressionHover(line, pos.line, pos.character, env.rules);
    if (sup) return sup;
  }
  if (doc.kind === 'dockerfile') return dockerfileHover(doc, pos, lines);
  if (doc.kind === 'manifest' || doc.kind === 'helm-values') {
    const c = commentStart(line);
    if (c !== undefined && pos.character >= c) return undefined;
    return doc.kind === 'manifest' ? manifestHover(pos, lines, env) : helmValuesHover(doc, pos, lines, env);
  }
  return undefined;
}
