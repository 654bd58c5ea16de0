/**
 * The parity table: every check another linter publishes (docs/parity/peer-checks.tsv), the rules whose
 * aliases name it, and for the rest the reason written in docs/parity/gaps-*.tsv. `npm run docs` writes
 * docs/parity.md and docs/parity-summary.md from it; a test fails when they are stale or when a check has
 * neither a rule nor a reason.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** One check of another tool, as `peer` (tool name) and `check` (its id). */
export interface PeerCheck {
  readonly peer: string;
  readonly check: string;
}

/** The tools the table covers, in the order it lists them, with the name shown for each. */
export const PEERS: readonly { readonly id: string; readonly name: string }[] = [
  { id: 'hadolint', name: 'hadolint' },
  { id: 'docker', name: 'Docker build checks' },
  { id: 'kube-linter', name: 'kube-linter' },
  { id: 'polaris', name: 'Polaris' },
  { id: 'kube-score', name: 'kube-score' },
];

/**
 * Checks a peer runs through another program that a Shipshape rule also runs: hadolint reports ShellCheck's
 * codes on `RUN` bodies, and so does `dockerfile/shellcheck` when it is enabled and `shellcheck` is on PATH.
 */
export const FORWARDED: readonly { readonly peer: string; readonly check: RegExp; readonly rule: string; readonly note: string }[] = [
  {
    peer: 'hadolint',
    check: /^SC\d{4}$/,
    rule: 'dockerfile/shellcheck',
    note: 'ShellCheck code: when the rule is enabled and `shellcheck` is on PATH',
  },
];

/** The repository's files the table is built from, relative to the repository root. */
export const PARITY_DIR = path.join('docs', 'parity');

/** Rows of a tab-separated file without its header line; blank lines and `#` comments are skipped. */
export function readTsv(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => l.split('\t').map((c) => c.trim()));
}

/** What the table is built from. */
export interface ParityInput {
  readonly checks: readonly PeerCheck[];
  /** `peer:check` → reason it is not covered. */
  readonly gaps: ReadonlyMap<string, string>;
  /** Each rule's id and aliases. */
  readonly rules: readonly { readonly id: string; readonly aliases: readonly string[] }[];
}

/** Reads docs/parity/peer-checks.tsv and every docs/parity/gaps-*.tsv under `root`. */
export function readParityFiles(root: string): Pick<ParityInput, 'checks' | 'gaps'> {
  const dir = path.join(root, PARITY_DIR);
  const checks = readTsv(fs.readFileSync(path.join(dir, 'peer-checks.tsv'), 'utf8')).map(([peer, check]) => ({ peer: peer!, check: check! }));
  const gaps = new Map<string, string>();
  for (const f of fs.readdirSync(dir).filter((n) => /^gaps-.*\.tsv$/.test(n)).sort()) {
    for (const [peer, check, reason] of readTsv(fs.readFileSync(path.join(dir, f), 'utf8'))) gaps.set(`${peer}:${check}`, reason ?? '');
  }
  return { checks, gaps };
}

/** One row of the table. */
export interface ParityRow extends PeerCheck {
  /** Rules whose aliases name the check (or that run the program the peer forwards it to). */
  readonly rules: readonly string[];
  /** Why no rule covers it, or a note on how a forwarded check is covered. */
  readonly note: string | undefined;
  /** Covered only through a program another rule runs (ShellCheck), not by an alias. */
  readonly forwarded: boolean;
}

/** The table's rows, peer by peer in the order of `PEERS`, checks in file order. */
export function parityRows(input: ParityInput): ParityRow[] {
  const byAlias = new Map<string, string[]>();
  for (const r of input.rules) for (const a of r.aliases) byAlias.set(a, [...(byAlias.get(a) ?? []), r.id]);
  const rows: ParityRow[] = [];
  for (const { id: peer } of PEERS) {
    for (const c of input.checks.filter((x) => x.peer === peer)) {
      const key = `${c.peer}:${c.check}`;
      const fwd = FORWARDED.find((f) => f.peer === c.peer && f.check.test(c.check));
      const rules = byAlias.get(key) ?? (fwd ? [fwd.rule] : []);
      const forwarded = !byAlias.has(key) && fwd !== undefined;
      rows.push({ ...c, rules, note: input.gaps.get(key) ?? (forwarded ? fwd.note : undefined), forwarded });
    }
  }
  return rows;
}

/** What makes the table dishonest: unexplained gaps, stale reasons, aliases to checks it does not list. */
export function parityProblems(input: ParityInput): string[] {
  const problems: string[] = [];
  const listed = new Set(input.checks.map((c) => `${c.peer}:${c.check}`));
  const peers = new Set(PEERS.map((p) => p.id));
  for (const row of parityRows(input)) {
    const key = `${row.peer}:${row.check}`;
    if (!row.rules.length && !input.gaps.get(key)) problems.push(`${key} has neither a rule nor a reason`);
    if (row.rules.length && input.gaps.has(key)) problems.push(`${key} is covered by ${row.rules.join(', ')} but also listed as a gap`);
  }
  for (const key of input.gaps.keys()) if (!listed.has(key)) problems.push(`gap ${key} is not a listed peer check`);
  for (const c of input.checks) if (!peers.has(c.peer)) problems.push(`${c.peer}:${c.check} belongs to a tool the table does not show`);
  for (const r of input.rules) {
    for (const a of r.aliases) {
      const tool = a.slice(0, a.indexOf(':'));
      if (peers.has(tool) && !listed.has(a)) problems.push(`${r.id} names ${a}, which docs/parity/peer-checks.tsv does not list`);
    }
  }
  return problems;
}

/** Covered / total per peer. */
export function paritySummary(
  rows: readonly ParityRow[],
): { peer: string; name: string; covered: number; forwarded: number; total: number }[] {
  return PEERS.map(({ id, name }) => {
    const mine = rows.filter((r) => r.peer === id);
    const covered = mine.filter((r) => r.rules.length > 0);
    return { peer: id, name, covered: covered.length, forwarded: covered.filter((r) => r.forwarded).length, total: mine.length };
  });
}

const through = (n: number) => (n ? ` (${n} through ShellCheck)` : '');

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** docs/parity.md. */
export function parityMarkdown(rows: readonly ParityRow[]): string {
  const lines = [
    '# Parity with other linters',
    '',
    '<!-- Generated by `npm run docs` from docs/parity/*.tsv and the rule registry; do not edit. -->',
    '',
    'Every check that hadolint, Docker\'s build checks, kube-linter, Polaris and kube-score publish, with the',
    'Shipshape rule that covers it (the rule lists the check among its aliases, so the tool\'s suppressions',
    'keep working) or the reason none does. The check lists are in `docs/parity/peer-checks.tsv`, the reasons',
    'in `docs/parity/gaps-*.tsv`. Aliases of tools whose catalogue is not listed here (Checkov) are not',
    'counted. A rule\'s docs page says where its defaults differ from the peer\'s and which option selects the',
    'peer\'s behaviour.',
    '',
    '## Summary',
    '',
    '| Tool | Covered | Checks |',
    '| --- | --- | --- |',
    ...paritySummary(rows).map((s) => `| ${s.name} | ${s.covered}${through(s.forwarded)} | ${s.total} |`),
  ];
  for (const { id, name } of PEERS) {
    const mine = rows.filter((r) => r.peer === id);
    if (!mine.length) continue;
    lines.push('', `## ${name}`, '', '| Check | Shipshape rule | Note |', '| --- | --- | --- |');
    for (const r of mine) {
      const rules = r.rules.map((x) => `[\`${x}\`](rules/${x}.md)`).join(', ') || '—';
      lines.push(`| \`${r.check}\` | ${rules} | ${cell(r.note ?? '')} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** docs/parity-summary.md: one line per peer, for the README. */
export function paritySummaryMarkdown(rows: readonly ParityRow[]): string {
  const parts = paritySummary(rows).map((s) => `${s.name} ${s.covered}/${s.total}${through(s.forwarded)}`);
  return `Checks of other linters covered (see [docs/parity.md](docs/parity.md)): ${parts.join(' · ')}.\n`;
}
