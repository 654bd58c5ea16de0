import type { Rule } from '../engine/rule';
import type { ResolvedFinding, Severity } from '../engine/types';
import { ruleDocsUrl } from '../docs/links';

/** One finding with the file it is in (a path relative to the working directory). */
export interface FileFinding extends ResolvedFinding {
  readonly file: string;
  /** The related locations' files, relative like `file`, parallel to `related`. */
  readonly relatedFiles?: readonly string[];
}

/** The related locations of a finding with their relative files. */
function relatedOf(f: FileFinding): { file: string; range: ResolvedFinding['range']; message: string }[] {
  return (f.related ?? []).map((r, i) => ({ file: f.relatedFiles?.[i] ?? r.uri, range: r.range, message: r.message }));
}

/** The JSON output shape (stable; documented in the README). */
export function toJson(findings: readonly FileFinding[]): string {
  return JSON.stringify(
    findings.map((f) => ({
      file: f.file,
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      range: f.range,
      fixable: f.fixable,
      fix: f.fix ?? null,
      ...(f.related?.length ? { related: relatedOf(f) } : {}),
    })),
    null,
    2,
  );
}

/** What `--fix` can do about a finding: safe fixes are applied by `--fix`, unsafe ones need `--unsafe-fixes`. */
function fixNote(f: ResolvedFinding): string {
  if (!f.fixable) return '';
  return f.fix === 'unsafe' ? ' (fixable with --unsafe-fixes)' : ' (fixable)';
}

/** Compiler-style text: `file:line:col: severity message [rule]`, 1-based for terminals. */
export function toText(findings: readonly FileFinding[], filesChecked: number): string {
  const lines = findings.map((f) =>
    [
      `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.message} [${f.ruleId}]${fixNote(f)}`,
      ...relatedOf(f).map((r) => `  ${r.file}:${r.range.start.line + 1}:${r.range.start.character + 1}: related ${r.message}`),
    ].join('\n'),
  );
  const counts = new Map<Severity, number>();
  for (const f of findings) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
  const summary = findings.length
    ? `${findings.length} finding${findings.length === 1 ? '' : 's'} (${[...counts].map(([s, n]) => `${n} ${s}`).join(', ')}) in ${filesChecked} file${filesChecked === 1 ? '' : 's'}.`
    : filesChecked === 0
      ? 'No files checked.'
      : `No findings in ${filesChecked} file${filesChecked === 1 ? '' : 's'}.`;
  return [...lines, summary].join('\n');
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** A SARIF physical location: the file relative to the source root and the 1-based region. */
function physicalLocation(file: string, range: ResolvedFinding['range']): object {
  return {
    artifactLocation: { uri: file.split('\\').join('/'), uriBaseId: '%SRCROOT%' },
    region: {
      startLine: range.start.line + 1,
      startColumn: range.start.character + 1,
      endLine: range.end.line + 1,
      endColumn: range.end.character + 1,
    },
  };
}

/** SARIF 2.1.0, as GitHub code scanning accepts it. */
export function toSarif(
  findings: readonly FileFinding[],
  rules: readonly Pick<Rule, 'id' | 'title' | 'docs' | 'remediation' | 'severity'>[],
  version: string,
): string {
  const index = new Map(rules.map((r, i) => [r.id, i] as const));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Shipshape',
            informationUri: 'https://github.com/shipshape-dev/shipshape',
            version,
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()),
              shortDescription: { text: r.title },
              fullDescription: { text: r.docs.replace(/\s+/g, ' ').trim() },
              helpUri: ruleDocsUrl(r.id),
              help: { text: r.remediation, markdown: `${r.remediation}\n\n[Rule documentation](${ruleDocsUrl(r.id)})` },
              defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: findings.map((f) => ({
          ruleId: f.ruleId,
          ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {}),
          level: SARIF_LEVEL[f.severity],
          message: { text: f.message },
          ...(f.related?.length
            ? {
                relatedLocations: relatedOf(f).map((r, id) => ({
                  id,
                  message: { text: r.message },
                  physicalLocation: physicalLocation(r.file, r.range),
                })),
              }
            : {}),
          locations: [
            {
              physicalLocation: physicalLocation(f.file, f.range),
            },
          ],
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}

/** The rule catalogue as Markdown (also the README table's source). */
export function rulesMarkdown(rules: readonly Pick<Rule, 'id' | 'title' | 'severity' | 'aliases' | 'fixApplicability'>[]): string {
  const rows = rules.map(
    (r) =>
      `| [\`${r.id}\`](docs/rules/${r.id}.md) | ${r.title} | ${r.severity} | ${r.aliases.map((a) => `\`${a}\``).join(', ') || '—'} | ${r.fixApplicability ?? ''} |`,
  );
  return ['| Rule | What it catches | Default | Also known as | Fix |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

/** The rules grouped by the tool whose check ids their aliases name: `tool → check → rules`. */
export function rulesByPeerMarkdown(rules: readonly Pick<Rule, 'id' | 'aliases'>[]): string {
  const byTool = new Map<string, Map<string, string[]>>();
  for (const r of rules) {
    for (const a of r.aliases) {
      const at = a.indexOf(':');
      const checks = byTool.get(a.slice(0, at)) ?? new Map<string, string[]>();
      checks.set(a.slice(at + 1), [...(checks.get(a.slice(at + 1)) ?? []), r.id]);
      byTool.set(a.slice(0, at), checks);
    }
  }
  const out: string[] = [];
  for (const tool of [...byTool.keys()].sort()) {
    out.push(`## ${tool}`, '', '| Check | Rules |', '| --- | --- |');
    const checks = byTool.get(tool)!;
    for (const c of [...checks.keys()].sort())
      out.push(
        `| \`${c}\` | ${checks
          .get(c)!
          .map((id) => `\`${id}\``)
          .join(', ')} |`,
      );
    out.push('');
  }
  return out.join('\n').trimEnd();
}
