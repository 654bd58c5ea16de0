/**
 * Generates the rule reference pages, the README rule table and package.json's
 * `contributes.configuration` from the registry. `npm run docs` writes them; a test fails when stale.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EngineRuleInfo, Rule } from '../engine/rule';
import { ENGINE_RULES, RULES } from '../rules';
import { rulesMarkdown } from '../cli/format';
import { SETTINGS } from '../settings';
import { parityMarkdown, parityRows, paritySummaryMarkdown, readParityFiles } from './parity';

const TOOL_NAMES: Record<string, string> = {
  hadolint: 'hadolint',
  docker: 'Docker build checks',
  'kube-linter': 'kube-linter',
  polaris: 'Polaris',
  'kube-score': 'kube-score',
  checkov: 'Checkov',
  shellcheck: 'ShellCheck',
};

/** The Markdown page of one rule. */
export function ruleDoc(rule: Rule | EngineRuleInfo): string {
  const aliases = 'aliases' in rule ? rule.aliases : [];
  const lines = [
    `# \`${rule.id}\` — ${rule.title}`,
    '',
    `Default severity: **${rule.severity}**${'defaultEnabled' in rule && rule.defaultEnabled === false ? ' (opt-in: off until configured)' : ''}${'appliesTo' in rule ? ` · Applies to: ${rule.appliesTo.map((k) => `\`${k}\``).join(', ')}` : ' · Emitted by the engine'}${'fixApplicability' in rule && rule.fixApplicability ? ` · Quick fix: **${rule.fixApplicability}** ([what that means](../../fixes.md))` : ''}`,
    '',
    rule.docs.trim(),
    '',
    '## What to do',
    '',
    rule.remediation.trim(),
  ];
  if (aliases.length) {
    lines.push('', '## Also known as', '', 'Suppressions written for these tools also silence this rule:', '');
    for (const a of aliases) {
      const [tool, id] = a.split(':');
      lines.push(`- ${TOOL_NAMES[tool!] ?? tool}: \`${id}\``);
    }
  }
  if ('options' in rule && rule.options && Object.keys(rule.options).length) {
    lines.push('', '## Options', '', '| Option | Type | Default | Meaning |', '| --- | --- | --- | --- |');
    for (const [name, o] of Object.entries(rule.options)) {
      lines.push(`| \`${name}\` | ${o.type} | \`${JSON.stringify(o.default)}\` | ${o.description} |`);
    }
  }
  lines.push(
    '',
    '## Configure',
    '',
    '```yaml',
    '# .shipshape.yaml',
    'rules:',
    `  ${rule.id}: off   # or error | warning | info | hint`,
    '```',
    '',
    `Suppress one occurrence with \`# shipshape-ignore ${rule.id} <reason>\` on the line before it, or a whole file with \`# shipshape-ignore-file ${rule.id}\`.`,
    '',
  );
  return lines.join('\n');
}

/** `docs/fixes.md`: what safe and unsafe mean, what each front end applies, and every rule's fix. */
export function fixesDoc(rules: readonly Rule[]): string {
  const fixing = rules.filter((r) => r.fixApplicability !== undefined);
  const row = (r: Rule) => `| [\`${r.id}\`](rules/${r.id}.md) | ${r.title} |`;
  const table = (a: 'safe' | 'unsafe') => [
    '| Rule | Finding |',
    '| --- | --- |',
    ...fixing.filter((r) => r.fixApplicability === a).map(row),
  ];
  return [
    '# Fixes: safe and unsafe',
    '',
    'Every Shipshape fix says whether it can be applied without reading it.',
    '',
    '- **Safe** fixes keep what the file does: the build runs the same commands, the image runs the same',
    '  process as the same user, the cluster creates the same objects. They only change how that is written',
    '  (`MAINTAINER` to the `LABEL` it stands for, a relative path to the absolute one it already resolves to).',
    '- **Unsafe** fixes change behaviour, usually for the better, but not always for your image or cluster:',
    '  a new `USER` the process may not be able to run as, a probe on a port that does not answer, resource',
    '  limits that may be too low, a package flag that installs something else. A person has to look at them.',
    '',
    'What applies which:',
    '',
    '| Where | Safe fixes | Unsafe fixes |',
    '| --- | --- | --- |',
    '| `shipshape check --fix` | applied | reported as `(fixable with --unsafe-fixes)` |',
    '| `shipshape check --fix --unsafe-fixes` | applied | applied |',
    '| `source.fixAll.shipshape` (fix all on save, "Fix all Shipshape findings") | applied | not applied |',
    '| Quick-fix menu (light bulb) | offered, preferred | offered, titled "(unsafe: changes behaviour, review it)" |',
    '',
    '`--fix` fixes only what it reports: findings at or above `--severity-threshold`, after suppressions',
    'and configuration. A fix is offered only where it is valid in its context (no `USER` line for a Windows',
    'image, no bash option under another shell, no field combination the API server rejects); where Shipshape',
    'cannot tell, it offers no fix rather than a guess.',
    '',
    '`--fix` writes a fixed file to a temporary file beside it and renames it over the original, keeping the',
    "file's mode and line endings. It never rewrites a file that is not valid UTF-8 (it says so on stderr)",
    'and never writes through a symlink that leads out of the checked tree.',
    '',
    '`shipshape rules --format json` gives each rule\'s `fix`: `"safe"`, `"unsafe"` or `null`.',
    '',
    '## Rules with a safe fix',
    '',
    ...table('safe'),
    '',
    '## Rules with an unsafe fix',
    '',
    ...table('unsafe'),
    '',
  ].join('\n');
}

/** Every generated docs file: relative path → content. */
export function docPages(): Map<string, string> {
  const out = new Map<string, string>();
  out.set(path.join('docs', 'fixes.md'), fixesDoc(RULES));
  for (const r of [...RULES, ...ENGINE_RULES]) out.set(path.join('docs', 'rules', `${r.id}.md`), ruleDoc(r));
  return out;
}

/** docs/parity.md and docs/parity-summary.md, built from docs/parity/*.tsv under `root` and the registry. */
export function parityPages(root: string): Map<string, string> {
  const rows = parityRows({ ...readParityFiles(root), rules: RULES });
  return new Map([
    [path.join('docs', 'parity.md'), parityMarkdown(rows)],
    [path.join('docs', 'parity-summary.md'), paritySummaryMarkdown(rows)],
  ]);
}

const TABLE_START = '<!-- rules:start (generated by npm run docs) -->';
const TABLE_END = '<!-- rules:end -->';
const PARITY_START = '<!-- parity:start (generated by npm run docs) -->';
const PARITY_END = '<!-- parity:end -->';

/** `text` with what stands between the markers `start` and `end` replaced by `content`. */
function between(text: string, start: string, end: string, content: string): string {
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README.md lacks the ${start} … ${end} markers`);
  return `${text.slice(0, a + start.length)}\n${content}\n${text.slice(b)}`;
}

/**
 * README text with the generated parts between their markers replaced: the rule table and, when
 * `paritySummary` is given, the one-line summary of the parity table.
 */
export function readmeWithTable(readme: string, paritySummary?: string): string {
  const withTable = between(readme, TABLE_START, TABLE_END, rulesMarkdown(RULES));
  return paritySummary === undefined ? withTable : between(withTable, PARITY_START, PARITY_END, paritySummary.trimEnd());
}

/** The `contributes.configuration` block of package.json. */
export function configurationContribution(): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const s of SETTINGS) {
    const p: Record<string, unknown> = { type: s.type, default: s.default, markdownDescription: s.description };
    if (s.enum) p['enum'] = s.enum;
    if (s.items) p['items'] = s.items;
    if (s.scope) p['scope'] = s.scope;
    if (s.key === 'shipshape.rules') {
      const ruleProps: Record<string, unknown> = {};
      for (const r of [...RULES, ...ENGINE_RULES]) {
        ruleProps[r.id] = {
          markdownDescription: `${r.title} (default: ${r.severity}). [Docs](https://github.com/shipshape-dev/shipshape/blob/main/docs/rules/${r.id}.md)`,
          anyOf: [
            { type: 'string', enum: ['error', 'warning', 'info', 'hint', 'off'] },
            { type: 'object', properties: { severity: { type: 'string', enum: ['error', 'warning', 'info', 'hint', 'off'] } } },
          ],
        };
      }
      p['properties'] = ruleProps;
      p['additionalProperties'] = false;
    }
    properties[s.key] = p;
  }
  return { title: 'Shipshape', properties };
}

/** Writes every generated file under `root`; returns the paths that changed. */
export function writeGenerated(root: string): string[] {
  const changed: string[] = [];
  const write = (rel: string, content: string) => {
    const p = path.join(root, rel);
    const old = fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined;
    if (old === content) return;
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
    changed.push(rel);
  };
  for (const [rel, content] of docPages()) write(rel, content);
  const parity = parityPages(root);
  for (const [rel, content] of parity) write(rel, content);
  const summary = parity.get(path.join('docs', 'parity-summary.md'));
  write('README.md', readmeWithTable(fs.readFileSync(path.join(root, 'README.md'), 'utf8'), summary));
  const pkgPath = path.join(root, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(pkgPath, 'utf8')) as { contributes?: Record<string, unknown> };
  pkg.contributes = { ...(pkg.contributes ?? {}), configuration: configurationContribution() };
  write('package.json', `${JSON.stringify(pkg, null, 2)}\n`);
  return changed;
}
