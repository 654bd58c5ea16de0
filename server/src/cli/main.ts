import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseConfigText } from '../engine/config';
import { Project } from '../engine/project';
import { pathToFileUri } from '../engine/uri';
import { walkFiles } from '../engine/walk';
import type { Severity } from '../engine/types';
import { catalogue } from '../rules/catalogue';
import { ENGINE_RULES, RULES } from '../rules';
import { ruleDocsUrl } from '../docs/links';
import { shellReady } from '../dockerfile/shell';
import { rulesMarkdown, toJson, toSarif, toText, type FileFinding } from './format';

/** The CLI's version (kept equal to package.json by a test). */
export const VERSION = '0.1.0';

const USAGE = `Usage:
  shipshape check [paths...] [--format text|json|sarif] [--fix] [--config FILE]
                  [--severity-threshold error|warning|info]
  shipshape rules [--format json|markdown]
  shipshape --version

Exit codes: 0 nothing at or above the threshold, 1 findings, 2 usage or I/O error.`;

/** Where output goes (the tests capture it). */
export interface Io {
  out(s: string): void;
  err(s: string): void;
  cwd: string;
}

class UsageError extends Error {}

/**
 * Text of indexed manifests whose parse is kept for their lint (each file is then parsed once, not
 * twice). A parse takes about 25 bytes of heap per character, so this caps it near 400 MB.
 */
const KEPT_PARSE_CHARS = 16 * 1024 * 1024;

const RANK: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

function parseArgs(argv: readonly string[]): { positional: string[]; flags: Map<string, string | true> } {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  const valued = new Set(['--format', '--config', '--severity-threshold']);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(0, eq) : a;
      if (valued.has(name)) {
        const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined) throw new UsageError(`${name} needs a value.`);
        flags.set(name, v);
      } else if (['--fix', '--help', '--version'].includes(name)) flags.set(name, true);
      else throw new UsageError(`Unknown option ${a}.`);
    } else if (a === '-h') flags.set('--help', true);
    else positional.push(a);
  }
  return { positional, flags };
}

function oneOf<T extends string>(name: string, v: string | true | undefined, allowed: readonly T[], fallback: T): T {
  if (v === undefined) return fallback;
  if (v === true || !allowed.includes(v as T)) throw new UsageError(`${name} must be one of ${allowed.join(', ')}.`);
  return v as T;
}

async function check(args: ReturnType<typeof parseArgs>, io: Io): Promise<number> {
  const format = oneOf('--format', args.flags.get('--format'), ['text', 'json', 'sarif'] as const, 'text');
  const threshold = oneOf('--severity-threshold', args.flags.get('--severity-threshold'), ['error', 'warning', 'info'] as const, 'info');
  const targets = (args.positional.length ? args.positional : ['.']).map((p) => path.resolve(io.cwd, p));
  const project = new Project(RULES, [io.cwd]);
  project.keepParses(KEPT_PARSE_CHARS);
  project.configs.rememberFolders = true;
  let ioError = false;
  const configFlag = args.flags.get('--config');
  if (typeof configFlag === 'string') {
    const file = path.resolve(io.cwd, configFlag);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      io.err(`shipshape: cannot read config ${configFlag}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      return 2;
    }
    const { layer, problems } = parseConfigText(text, catalogue());
    for (const p of problems) io.err(`${configFlag}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message}`);
    project.setExplicitConfig(layer);
  }

  const files: string[] = [];
  for (const t of targets) {
    for (const f of walkFiles(t, (p, e) => {
      ioError = true;
      io.err(`shipshape: cannot read ${path.relative(io.cwd, p) || p}: ${(e as NodeJS.ErrnoException).code ?? e.message}`);
    })) {
      files.push(f);
    }
  }
  // Config files first, so `--fix` on them applies before the files they configure are checked.
  const isConfig = (f: string) => /^\.shipshape\.ya?ml$/.test(path.basename(f));
  files.sort((a, b) => Number(isConfig(b)) - Number(isConfig(a)) || (a < b ? -1 : a > b ? 1 : 0));
  const texts = new Map<string, { uri: string; text: string }>();
  for (const f of files) {
    try {
      const text = fs.readFileSync(f, 'utf8');
      const uri = pathToFileUri(f);
      texts.set(f, { uri, text });
      project.updateIndex(uri, text);
    } catch (e) {
      ioError = true;
      io.err(`shipshape: cannot read ${path.relative(io.cwd, f)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  const all: FileFinding[] = [];
  let checked = 0;
  for (const [f, { uri, text: original }] of texts) {
    let text = original;
    if (args.flags.get('--fix')) {
      const fixed = project.fixAll({ uri, text });
      if (fixed.text !== text) {
        try {
          fs.writeFileSync(f, fixed.text);
          text = fixed.text;
          project.updateIndex(uri, text);
          if (isConfig(f)) project.configs.invalidate(f);
        } catch (e) {
          ioError = true;
          io.err(`shipshape: cannot write ${path.relative(io.cwd, f)}: ${(e as Error).message}`);
        }
      }
    }
    const res = project.lint({ uri, text });
    if (res.kind === 'other') continue;
    checked++;
    const rel = path.relative(io.cwd, f) || path.basename(f);
    for (const finding of res.findings) all.push({ ...finding, file: rel });
  }
  const shown = all.filter((f) => RANK[f.severity] >= RANK[threshold]);
  if (format === 'json') io.out(toJson(shown));
  else if (format === 'sarif') io.out(toSarif(shown, [...RULES, ...ENGINE_RULES], VERSION));
  else io.out(toText(shown, checked));
  if (ioError) return 2;
  return shown.length > 0 ? 1 : 0;
}

function rules(args: ReturnType<typeof parseArgs>, io: Io): number {
  const format = oneOf('--format', args.flags.get('--format'), ['json', 'markdown'] as const, 'markdown');
  if (format === 'json') {
    io.out(
      JSON.stringify(
        RULES.map((r) => ({
          id: r.id,
          title: r.title,
          severity: r.severity,
          aliases: r.aliases,
          fixable: !!r.fix,
          docs: ruleDocsUrl(r.id),
        })),
        null,
        2,
      ),
    );
  } else io.out(rulesMarkdown(RULES));
  return 0;
}

/** Runs the CLI; resolves to the exit code. Never throws: unexpected errors exit 2 with a message. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    const args = parseArgs(argv.slice(1));
    const cmd = argv[0];
    if (cmd === '--version' || args.flags.get('--version')) {
      io.out(VERSION);
      return 0;
    }
    if (cmd === undefined || cmd === '--help' || cmd === '-h' || args.flags.get('--help')) {
      io.out(USAGE);
      return cmd === undefined ? 2 : 0;
    }
    // The shell parser loads asynchronously; without it every RUN rule would stay silent.
    if (cmd === 'check') return await shellReady.then(() => check(args, io));
    if (cmd === 'rules') return rules(args, io);
    throw new UsageError(`Unknown command "${cmd}".`);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`shipshape: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    io.err(`shipshape: internal error: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
}
