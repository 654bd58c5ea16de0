import * as os from 'node:os';
import * as path from 'node:path';
import { parseConfigText } from '../engine/config';
import { readTextFileSync } from '../engine/files';
import { Project } from '../engine/project';
import { fileUriToPath, pathToFileUri } from '../engine/uri';
import { walkFiles } from '../engine/walk';
import type { LintResult } from '../engine/engine';
import type { ResolvedFinding, Severity } from '../engine/types';
import { catalogue } from '../rules/catalogue';
import { ENGINE_RULES, RULES } from '../rules';
import { ruleDocsUrl } from '../docs/links';
import { rulesByPeerMarkdown, rulesMarkdown, toJson, toSarif, toText, type FileFinding } from './format';
import { renderCharts } from './helm';
import { checkInPool } from './pool';
import { mergeSarif } from './sarif-merge';
import { inShard, parseShard } from './shard';
import { checkTargets, projectRoots, type CheckTarget } from './targets';
import { writeFixed } from './write';

/** The CLI's version (kept equal to package.json by a test). */
export const VERSION = '0.1.0';

/** Below this many files to check, and without an explicit `--jobs`, starting workers costs more than it saves. */
const POOL_MIN_FILES = 64;
/**
 * On this many cores or fewer, and without an explicit `--jobs`, the check runs in one process: on
 * two cores, two workers took longer than one process for 10,000 manifests (the pool's serialising
 * and second index outweigh the second core; docs/performance.md).
 */
const POOL_MIN_CORES = 2;

const USAGE = `Usage:
  shipshape check [paths...] [--format text|json|sarif] [--fix [--unsafe-fixes]] [--config FILE]
                  [--severity-threshold error|warning|info|hint] [--helm PATH]
                  [--jobs N] [--shard K/N]
  shipshape merge-sarif FILE.sarif... > all.sarif
  shipshape rules [--format json|markdown]
  shipshape --version

check lints the paths given (default: the current folder); cross-file rules see the whole
project (the nearest folder with .shipshape.yaml, else the git repository, else the current
folder). Charts are rendered with helm (from PATH or --helm) and their rendered findings are
reported on the template and values lines. What is skipped, and why, is said on stderr.

--fix applies the safe fixes of the findings it reports (at or above the threshold);
--unsafe-fixes also applies the fixes that change behaviour (review them).

--jobs N checks files on N threads, this one and N - 1 workers (default: the number of cores; --jobs 1, --fix,
fewer than ${POOL_MIN_FILES} files and ${POOL_MIN_CORES} cores or fewer check in this process); the output does not depend on N.
--shard K/N checks the K-th of N parts of the files, partitioned by a hash of each file's path
in its project; cross-file rules still see the whole project. merge-sarif joins the SARIF of the
shards into one run, as code scanning expects from one tool.

Exit codes: 0 nothing at or above the threshold, 1 findings, 2 usage or I/O error, or a parser
that failed to load (its files then carry shipshape/internal-error).`;

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

/** Files above this size are left out of the project index (as the language server leaves them out). */
const INDEXED_FILE_MAX = 5 * 1024 * 1024;

/** Files larger than this are not read (files above `maxFileSize` are read and get the cheap rules only). */
const MAX_READ_BYTES = 64 * 1024 * 1024;

const RANK: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

function parseArgs(argv: readonly string[]): { positional: string[]; flags: Map<string, string | true> } {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  const valued = new Set(['--format', '--config', '--severity-threshold', '--helm', '--jobs', '--shard']);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(0, eq) : a;
      if (valued.has(name)) {
        const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined) throw new UsageError(`${name} needs a value.`);
        flags.set(name, v);
      } else if (['--fix', '--unsafe-fixes', '--help', '--version'].includes(name)) flags.set(name, true);
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
  const threshold = oneOf(
    '--severity-threshold',
    args.flags.get('--severity-threshold'),
    ['error', 'warning', 'info', 'hint'] as const,
    'info',
  );
  const helmFlag = args.flags.get('--helm');
  const unsafeFixes = args.flags.get('--unsafe-fixes') === true;
  if (unsafeFixes && !args.flags.get('--fix')) throw new UsageError('--unsafe-fixes needs --fix.');
  const jobsFlag = args.flags.get('--jobs');
  if (jobsFlag !== undefined && (typeof jobsFlag !== 'string' || !/^[1-9]\d{0,3}$/.test(jobsFlag)))
    throw new UsageError('--jobs must be a whole number from 1.');
  const shardFlag = args.flags.get('--shard');
  const shard = typeof shardFlag === 'string' ? parseShard(shardFlag) : undefined;
  if (shardFlag !== undefined && !shard) throw new UsageError('--shard must be K/N with 1 ≤ K ≤ N, such as 2/4.');
  const targets = (args.positional.length ? args.positional : ['.']).map((p) => path.resolve(io.cwd, p));
  const roots = projectRoots(targets, io.cwd);
  const project = await Project.open(RULES, roots);
  for (const failed of project.ready.failures) {
    io.err(`shipshape: could not load ${failed.name}: ${failed.message}. Files that need it get a shipshape/internal-error finding.`);
  }
  project.configs.rememberFolders = true;
  const unreadableSaid = new Set<string>();
  const onUnreadable = (file: string, detail: string) => {
    if (unreadableSaid.has(file)) return;
    unreadableSaid.add(file);
    io.err(`shipshape: ignored ${path.relative(io.cwd, file) || file}: it ${detail}`);
  };
  project.configs.onUnreadable = onUnreadable;
  let ioError = project.ready.failures.length > 0;
  const configFlag = args.flags.get('--config');
  const configFile = typeof configFlag === 'string' ? path.resolve(io.cwd, configFlag) : undefined;
  if (typeof configFlag === 'string' && configFile) {
    const file = configFile;
    const read = readTextFileSync(file, MAX_READ_BYTES);
    if (!read.ok) {
      io.err(`shipshape: cannot read config ${configFlag}: it ${read.detail}`);
      return 2;
    }
    const { layer, problems } = parseConfigText(read.text, catalogue());
    for (const p of problems) io.err(`${configFlag}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message}`);
    project.setExplicitConfig(layer);
  }

  const relOf = (p: string) => path.relative(io.cwd, p) || path.basename(p);
  const withFiles = (finding: ResolvedFinding, file: string): FileFinding =>
    finding.related?.length
      ? { ...finding, file, relatedFiles: finding.related.map((r) => relOf(fileUriToPath(r.uri) ?? r.uri)) }
      : { ...finding, file };
  const found = checkTargets(targets, roots, (p, e) => {
    ioError = true;
    io.err(`shipshape: cannot read ${relOf(p)}: ${(e as NodeJS.ErrnoException).code ?? e.message}`);
  });
  for (const s of found.skipped) io.err(`shipshape: skipped ${relOf(s.path)}: ${s.reason}`);
  const files = found.files.map((t) => t.path);
  const byPath = new Map<string, CheckTarget>(found.files.map((t) => [t.path, t]));
  // Config files first, so `--fix` on them applies before the files they configure are checked.
  const isConfig = (f: string) => /^\.shipshape\.ya?ml$/.test(path.basename(f));
  files.sort((a, b) => Number(isConfig(b)) - Number(isConfig(a)) || (a < b ? -1 : a > b ? 1 : 0));
  // A shard lints its part of the files; the others are indexed, for cross-file rules.
  const toLint = new Set(shard ? files.filter((f) => inShard(f, roots, shard)) : files);
  const fix = args.flags.get('--fix') === true;
  const jobs = fix
    ? 1
    : jobsFlag !== undefined
      ? Math.min(Number(jobsFlag), toLint.size)
      : toLint.size < POOL_MIN_FILES || os.availableParallelism() <= POOL_MIN_CORES
        ? 1
        : Math.min(os.availableParallelism(), toLint.size);
  /** Lint results by file, and the files' text when it was read here (for `--fix`). */
  const results = new Map<string, LintResult>();
  const skippedRead = (f: string, read: { reason: string; detail: string }) => {
    // Too large or not a regular file (a link swapped in during the walk): skipped, and said so.
    if (read.reason === 'error' || read.reason === 'missing') ioError = true;
    io.err(`shipshape: skipped ${relOf(f)}: it ${read.detail}`);
  };
  if (jobs > 1) {
    const context = contextFiles(roots, new Set(files), found.folders);
    const outcome = await checkInPool(
      [
        ...context.map((p) => ({ path: p, cap: INDEXED_FILE_MAX, lint: false })),
        ...files.map((p) => ({ path: p, cap: MAX_READ_BYTES, lint: toLint.has(p) })),
      ],
      jobs,
      { roots, configFile, keptParseChars: KEPT_PARSE_CHARS },
      onUnreadable,
      project,
    );
    for (const f of files) {
      const read = outcome.reads.get(f);
      if (read && !read.ok) skippedRead(f, read);
      const res = outcome.results.get(f);
      if (res) results.set(f, res);
    }
  } else {
    // The rest of the project goes into the index only, for cross-file rules.
    indexProject(project, roots, new Set(files), found.folders);
    project.keepParses(KEPT_PARSE_CHARS);
    /** Text as editors show it: a UTF-8 byte order mark is not part of it (and is put back by `--fix`). */
    const texts = new Map<string, { uri: string; text: string; bom: string }>();
    for (const f of files) {
      const lint = toLint.has(f);
      const read = readTextFileSync(f, lint ? MAX_READ_BYTES : INDEXED_FILE_MAX);
      if (!read.ok) {
        if (lint) skippedRead(f, read);
        continue;
      }
      const bom = read.text.startsWith('\uFEFF') ? '\uFEFF' : '';
      const text = bom ? read.text.slice(1) : read.text;
      const uri = pathToFileUri(f);
      if (lint) texts.set(f, { uri, text, bom });
      project.updateIndex(uri, text);
    }
    for (const [f, { uri, text: original, bom }] of texts) {
      let text = original;
      const link = byPath.get(f)?.link;
      if (fix && link === 'outside') {
        io.err(`shipshape: not fixing ${relOf(f)}: it is a symbolic link out of the project.`);
      } else if (fix) {
        const fixed = project.fixAll({ uri, text }, { unsafe: unsafeFixes, threshold });
        if (fixed.text !== text) {
          const problem = writeFixed(f, bom + original, bom + fixed.text, [...targets, io.cwd]);
          if (problem === undefined) {
            text = fixed.text;
            project.updateIndex(uri, text);
            if (isConfig(f)) project.configs.invalidate(f);
          } else {
            ioError ||= problem.error;
            io.err(`shipshape: did not fix ${path.relative(io.cwd, f)}: ${problem.message}`);
          }
        }
      }
      results.set(f, project.lint({ uri, text }));
    }
  }
  /** Findings by file, in the order files are checked. */
  const perFile = new Map<string, FileFinding[]>();
  let checked = 0;
  const checkedFiles = new Set<string>();
  const chartRoots = new Set<string>();
  for (const f of files) {
    const res = results.get(f);
    if (!res) continue;
    if (res.kind === 'other') {
      if (byPath.get(f)?.explicit)
        io.err(
          `shipshape: skipped ${relOf(f)}: not a file Shipshape checks (Dockerfile, Compose file, Kubernetes manifest, Helm chart, Kustomize, .shipshape.yaml).`,
        );
      continue;
    }
    checked++;
    checkedFiles.add(f);
    if (res.chartRoot) chartRoots.add(res.chartRoot);
    perFile.set(
      f,
      res.findings.map((finding) => withFiles(finding, relOf(f))),
    );
  }
  // A shard may hold no file of a folder given; that is not worth a line.
  for (const t of shard ? [] : found.folders) {
    const prefix = t.endsWith(path.sep) ? t : t + path.sep;
    if (![...checkedFiles].some((f) => f.startsWith(prefix))) io.err(`shipshape: no file Shipshape checks in ${relOf(t)}.`);
  }
  if (chartRoots.size > 0) {
    // The rendered charts are linted here, with the project's index (which holds the whole index after a pooled check too).
    const rendered = await renderCharts(
      [...chartRoots].sort(),
      typeof helmFlag === 'string' ? path.resolve(io.cwd, helmFlag) : undefined,
      project,
    );
    if (rendered.problem) {
      io.err(`shipshape: ${rendered.problem}`);
      if (typeof helmFlag === 'string') ioError = true;
    }
    for (const p of rendered.placed) perFile.get(p.file)?.push(withFiles(p.finding, relOf(p.file)));
    for (const list of perFile.values()) list.sort(byPosition);
  }
  const all = [...perFile.values()].flat();
  const shown = all.filter((f) => RANK[f.severity] >= RANK[threshold]);
  if (format === 'json') io.out(toJson(shown));
  else if (format === 'sarif') io.out(toSarif(shown, [...RULES, ...ENGINE_RULES], VERSION));
  else io.out(toText(shown, checked));
  if (ioError) return 2;
  return shown.length > 0 ? 1 : 0;
}

function byPosition(a: ResolvedFinding, b: ResolvedFinding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/**
 * The files under the project roots other than `linted`: context for cross-file rules, in walk
 * order. The `walked` folders hold only linted files (the same walk found them), and are not walked again.
 */
function contextFiles(roots: readonly string[], linted: ReadonlySet<string>, walked: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const skip = new Set(walked);
  for (const root of roots) {
    if (skip.has(root)) continue;
    for (const f of walkFiles(root, undefined, undefined, (dir) => skip.has(dir))) {
      if (linted.has(f) || seen.has(f)) continue;
      seen.add(f);
      out.push(f);
    }
  }
  return out;
}

/** Indexes every file under the project roots except `linted` (indexed when read), without keeping parses. */
function indexProject(project: Project, roots: readonly string[], linted: ReadonlySet<string>, walked: readonly string[]): void {
  for (const f of contextFiles(roots, linted, walked)) {
    // A file the paths given do not name is only context: one that cannot be read is left out.
    const read = readTextFileSync(f, INDEXED_FILE_MAX);
    if (read.ok) project.updateIndex(pathToFileUri(f), read.text.startsWith('\uFEFF') ? read.text.slice(1) : read.text);
  }
}

function mergeSarifFiles(files: readonly string[], io: Io): number {
  if (files.length === 0) throw new UsageError('merge-sarif needs the SARIF files to merge.');
  const logs: unknown[] = [];
  for (const f of files) {
    const read = readTextFileSync(path.resolve(io.cwd, f), MAX_READ_BYTES);
    if (!read.ok) {
      io.err(`shipshape: cannot read ${f}: it ${read.detail}`);
      return 2;
    }
    try {
      logs.push(JSON.parse(read.text));
    } catch (e) {
      io.err(`shipshape: ${f} is not JSON: ${(e as Error).message}`);
      return 2;
    }
  }
  const merged = mergeSarif(logs);
  if (typeof merged === 'string') {
    io.err(`shipshape: cannot merge: ${merged}`);
    return 2;
  }
  io.out(merged.text);
  return 0;
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
          fix: r.fixApplicability ?? null,
          docs: ruleDocsUrl(r.id),
        })),
        null,
        2,
      ),
    );
  } else io.out(`${rulesMarkdown(RULES)}\n\n# By tool\n\n${rulesByPeerMarkdown(RULES)}`);
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
    if (cmd === 'check') return await check(args, io);
    if (cmd === 'rules') return rules(args, io);
    if (cmd === 'merge-sarif') return mergeSarifFiles(args.positional, io);
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
