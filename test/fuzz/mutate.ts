/**
 * Seeded mutations of real inputs for the bad-input fuzz run: byte flips, truncations, insertions of
 * template and heredoc syntax, control characters, invalid UTF-8 and UTF-16, and a set of hostile
 * inputs (huge lines, deep nesting, alias bombs, huge files, binary data, pathological schema patterns),
 * files that are links to devices or FIFOs, and log streams without newlines.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A seeded PRNG (mulberry32): the same seed gives the same sequence. */
export type Random = () => number;

export function seeded(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (random: Random, n: number): number => Math.floor(random() * n);
const choose = <T>(random: Random, list: readonly T[]): T => list[int(random, list.length)]!;

/** Fragments that trip parsers: template actions, heredocs, control characters, YAML indicators. */
export const FRAGMENTS: readonly string[] = [
  '{{',
  '}}',
  '{{- if .Values.x }}',
  '{{ end }}',
  '<<EOF',
  '<<-EOF\n',
  '\nEOF\n',
  '\t',
  '\u0000',
  '\r',
  '\r\n',
  '\\\n',
  '\uFFFD',
  '\uD800',
  '\uDC00',
  '\u2028',
  '\uFEFF',
  '---\n',
  '...\n',
  ': ',
  '- ',
  '? ',
  '&a ',
  '*a',
  '<<: *a',
  '!!binary ',
  '!custom ',
  '%YAML 1.2\n',
  '"',
  "'",
  '[',
  ']',
  '{',
  '}',
  '#',
  '|',
  '>-',
  '$',
  '${',
  '\n  ',
  '\nFROM ',
  '\nRUN ',
  ' \\',
  '# shipshape-disable-next-line ',
  '# hadolint ignore=',
  'apiVersion: v1\nkind: ',
];

/** Encodes to UTF-8, changes bytes, and decodes as the CLI reads files (invalid bytes become U+FFFD). */
function viaBytes(text: string, change: (bytes: Buffer) => Buffer): string {
  return change(Buffer.from(text, 'utf8')).toString('utf8');
}

/** One random mutation of `text`; `name` says which. */
export function mutate(text: string, random: Random): { name: string; text: string } {
  const at = () => int(random, text.length + 1);
  switch (int(random, 11)) {
    case 0: {
      return {
        name: 'byte flip',
        text: viaBytes(text, (b) => {
          if (b.length === 0) return b;
          const n = 1 + int(random, 4);
          for (let i = 0; i < n; i++) b[int(random, b.length)] ^= 1 << int(random, 8);
          return b;
        }),
      };
    }
    case 1:
      return { name: 'truncation', text: text.slice(0, at()) };
    case 2: {
      const p = at();
      return { name: 'insertion', text: text.slice(0, p) + choose(random, FRAGMENTS) + text.slice(p) };
    }
    case 3: {
      let t = text;
      const n = 2 + int(random, 8);
      for (let i = 0; i < n; i++) {
        const p = int(random, t.length + 1);
        t = t.slice(0, p) + choose(random, FRAGMENTS) + t.slice(p);
      }
      return { name: 'insertions', text: t };
    }
    case 4: {
      const p = at();
      return { name: 'deletion', text: text.slice(0, p) + text.slice(p + 1 + int(random, 40)) };
    }
    case 5: {
      const s = at();
      const e = Math.min(text.length, s + int(random, 200));
      const p = at();
      return { name: 'duplication', text: text.slice(0, p) + text.slice(s, e) + text.slice(p) };
    }
    case 6:
      return {
        name: 'invalid UTF-8',
        text: viaBytes(text, (b) => {
          const p = int(random, b.length + 1);
          const bad = choose(random, [[0xff], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xc0, 0xaf]]);
          return Buffer.concat([b.subarray(0, p), Buffer.from(bad), b.subarray(p)]);
        }),
      };
    case 7: {
      const lines = text.split('\n');
      const i = int(random, lines.length);
      const delta = int(random, 5) - 2;
      lines[i] = delta >= 0 ? ' '.repeat(delta * 2) + lines[i] : lines[i]!.replace(/^ {1,4}/, '');
      return { name: 'indentation', text: lines.join('\n') };
    }
    case 8: {
      const lines = text.split('\n');
      const i = int(random, lines.length);
      const j = int(random, lines.length);
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      return { name: 'line swap', text: lines.join('\n') };
    }
    case 9:
      return { name: 'line endings', text: random() < 0.5 ? text.replace(/\n/g, '\r\n') : text.replace(/\n/g, '\r') };
    default: {
      const p = at();
      const s = int(random, 256);
      return { name: 'control character', text: text.slice(0, p) + String.fromCharCode(s < 32 ? s : s + 0x80) + text.slice(p) };
    }
  }
}

/** A hostile input, independent of any base file. `scale` (0–1] shrinks the big ones for quick runs. */
export interface HostileInput {
  readonly name: string;
  /** The file name it is checked as (decides the document kind). */
  readonly file: string;
  readonly text: string;
  /** Files written beside it first (relative to the same folder), such as the Chart.yaml of a chart. */
  readonly extra?: Readonly<Record<string, string>>;
}

const CHART = { 'chart/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n', 'chart/values.yaml': 'a: {}\n' };

/** Writes the files an input needs beside it. */
export function writeExtra(dir: string, input: HostileInput): void {
  for (const [rel, text] of Object.entries(input.extra ?? {})) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
}

function aliasBomb(levels: number): string {
  const lines = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: lol',
    'data:',
    '  a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ];
  for (let i = 1; i < levels; i++) lines.push(`  a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(',')}]`);
  return lines.join('\n') + '\n';
}

/** The hostile inputs, scaled: 1 MB single lines, 10,000-deep nesting, alias bombs, huge and binary files. */
export function hostileInputs(scale = 1, random: Random = seeded(1)): HostileInput[] {
  const mb = Math.max(1, Math.round(1024 * 1024 * scale));
  const deep = Math.max(10, Math.round(10_000 * scale));
  const object = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n  namespace: default\ndata:\n  key: ${'v'.repeat(900)}\n`;
  const objects = Math.max(1, Math.round((50 * 1024 * 1024 * scale) / (object.length + 4)));
  const binary = Buffer.alloc(Math.max(64, Math.round(64 * 1024 * scale)));
  for (let i = 0; i < binary.length; i++) binary[i] = int(random, 256);
  const binaryNoNul = Buffer.from(binary.map((b) => (b === 0 ? 1 : b)));
  return [
    {
      name: '1 MB single-line value',
      file: 'manifest.yaml',
      text: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  k: ${'x'.repeat(mb)}\n`,
    },
    { name: '1 MB single-line RUN', file: 'Dockerfile', text: `FROM alpine:3.20\nRUN ${'echo x && '.repeat(mb / 10)}true\n` },
    {
      name: '1 MB line of flow mappings',
      file: 'manifest.yaml',
      text: `apiVersion: v1\nkind: List\nitems: [${'{a: 1}, '.repeat(mb / 8)}]\n`,
    },
    {
      name: `${deep}-deep flow sequence`,
      file: 'manifest.yaml',
      text: `apiVersion: v1\nkind: ConfigMap\ndata: ${'['.repeat(deep)}${']'.repeat(deep)}\n`,
    },
    {
      name: `${deep}-deep flow mapping`,
      file: 'manifest.yaml',
      text: `apiVersion: v1\nkind: ConfigMap\ndata: ${'{a: '.repeat(deep)}1${'}'.repeat(deep)}\n`,
    },
    {
      name: `${deep}-deep block sequence`,
      file: 'manifest.yaml',
      text: `apiVersion: v1\nkind: ConfigMap\ndata:\n  ${'- '.repeat(deep)}x\n`,
    },
    { name: `${deep}-deep unclosed flow`, file: 'manifest.yaml', text: `apiVersion: v1\nkind: Pod\nspec: ${'[{'.repeat(deep)}\n` },
    {
      name: 'block nesting 2,000 levels',
      file: 'manifest.yaml',
      text: `apiVersion: v1\nkind: ConfigMap\n${Array.from({ length: Math.min(2000, deep) }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} end\n`,
    },
    { name: 'alias bomb (billion laughs)', file: 'manifest.yaml', text: aliasBomb(9) },
    { name: 'alias bomb in values.yaml', file: 'values.yaml', text: aliasBomb(9).split('\n').slice(4).join('\n').replace(/^ {2}/gm, '') },
    {
      name: 'alias cycle via merge keys',
      file: 'manifest.yaml',
      text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: &m\n  name: x\n  <<: *m\ndata: &d\n  <<: *d\n',
    },
    { name: `${Math.round((objects * (object.length + 4)) / 1e6)} MB manifest`, file: 'huge.yaml', text: `${object}---\n`.repeat(objects) },
    { name: 'binary opened as Dockerfile', file: 'Dockerfile', text: binary.toString('latin1') },
    { name: 'binary without NUL as Dockerfile', file: 'Dockerfile', text: binaryNoNul.toString('utf8') },
    { name: 'binary without NUL as manifest', file: 'manifest.yaml', text: `apiVersion: v1\nkind: x\n${binaryNoNul.toString('utf8')}` },
    {
      name: '10,000 heredocs',
      file: 'Dockerfile',
      text: `FROM alpine\n${'RUN <<EOF\necho\n'.repeat(Math.max(10, Math.round(10_000 * scale)))}`,
    },
    { name: 'unterminated heredoc', file: 'Dockerfile', text: 'FROM alpine\nRUN <<EOF cat\nline\n'.repeat(3) },
    {
      name: '100,000 line continuations',
      file: 'Dockerfile',
      text: `FROM alpine\nRUN true ${'\\\n  && true '.repeat(Math.max(10, Math.round(100_000 * scale)))}\n`,
    },
    { name: 'template braces everywhere', file: 'templates/x.yaml', text: '{{'.repeat(Math.max(10, Math.round(100_000 * scale))) },
    {
      name: '50,000 documents separators',
      file: 'manifest.yaml',
      text: `apiVersion: v1\nkind: ConfigMap\n${'---\n'.repeat(Math.max(10, Math.round(50_000 * scale)))}`,
    },
    { name: 'empty', file: 'manifest.yaml', text: '' },
    { name: 'only BOM', file: 'Dockerfile', text: '\uFEFF' },
    {
      name: `${Math.min(2000, deep)}-deep Helm with`,
      file: 'chart/templates/deep.yaml',
      extra: CHART,
      text: `${'{{ with .Values.a }}\n'.repeat(Math.min(2000, deep))}x: 1\n${'{{ end }}\n'.repeat(Math.min(2000, deep))}`,
    },
    {
      name: `${deep}-deep parentheses in a Helm action`,
      file: 'chart/templates/parens.yaml',
      extra: CHART,
      text: `x: {{ ${'('.repeat(deep)}.Values.a${')'.repeat(deep)} }}\n`,
    },
    {
      name: 'schema patterns that backtrack or need backtracking',
      file: 'chart/values.schema.json',
      extra: CHART,
      text: JSON.stringify({
        properties: {
          a: { type: 'string', pattern: '^(a+)+$' },
          b: { type: 'string', pattern: '^(?=x)(\\w+)\\1$' },
          c: { type: 'object', patternProperties: { '^(a|aa)+$': { type: 'string' }, '(?<!x)y': {} } },
        },
      }),
    },
    {
      name: 'values checked against a pattern that backtracks',
      file: 'chart/values.yaml',
      extra: { ...CHART, 'chart/values.schema.json': JSON.stringify({ properties: { a: { type: 'string', pattern: '^(a+)+$' } } }) },
      text: `a: ${'a'.repeat(40)}!\n`,
    },
    {
      name: '1,500 findings in one file',
      file: 'Dockerfile',
      text: `FROM alpine:3.20\n${'MAINTAINER x\n'.repeat(Math.max(1001, Math.round(1500 * Math.min(1, scale * 50))))}`,
    },
  ];
}

/** Files that must never be read as text: links to devices and FIFOs, under names Shipshape reads. */
export function hostileFiles(dir: string): { name: string; file: string }[] {
  if (process.platform !== 'linux') return [];
  const out: { name: string; file: string }[] = [];
  const link = (name: string, rel: string, target: string) => {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.symlinkSync(target, file);
    out.push({ name, file });
  };
  link('config linked to /dev/zero', 'zero/.shipshape.yaml', '/dev/zero');
  link('manifest linked to /dev/zero', 'zero/x.yaml', '/dev/zero');
  link('values linked to /dev/urandom', 'chart/values.yaml', '/dev/urandom');
  fs.writeFileSync(path.join(dir, 'chart/Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
  const fifo = path.join(dir, 'fifo/.shipshape.yaml');
  fs.mkdirSync(path.dirname(fifo), { recursive: true });
  if (spawnSync('mkfifo', [fifo]).status === 0) out.push({ name: 'config that is a FIFO', file: fifo });
  fs.writeFileSync(path.join(dir, 'fifo/Dockerfile'), 'FROM alpine:3.20\n');
  fs.writeFileSync(path.join(dir, 'zero/Dockerfile'), 'FROM alpine:3.20\n');
  return out;
}

/** A log stream as chunks of random sizes, with no newline in `total` characters but a few near the end. */
export function noNewlineStream(total: number, random: Random): string[] {
  const chunks: string[] = [];
  let left = total;
  while (left > 0) {
    const n = Math.min(left, 1 + int(random, 16 * 1024));
    chunks.push('x'.repeat(n));
    left -= n;
  }
  chunks.push('tail\nnext line\n\n');
  return chunks;
}
