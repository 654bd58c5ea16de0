/** Keeps the parity table honest: every peer check has a rule or a reason, and every alias names a listed check. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parityPages } from '../../server/src/docs/generate';
import { parityMarkdown, parityProblems, parityRows, paritySummary, readParityFiles, readTsv } from '../../server/src/docs/parity';
import { rulesByPeerMarkdown } from '../../server/src/cli/format';
import { RULES } from '../../server/src/rules';

const ROOT = path.resolve(__dirname, '../../..');
const SHARED = path.join(ROOT, '..', 'shared', 'peers', 'checks.tsv');

describe('parity table', () => {
  const files = readParityFiles(ROOT);

  it('lists every peer check of the shared list', function () {
    if (!fs.existsSync(SHARED)) {
      console.log('      skipped: ../shared/peers/checks.tsv is absent');
      this.skip();
    }
    const listed = new Set(files.checks.map((c) => `${c.peer}:${c.check}`));
    const missing = readTsv(fs.readFileSync(SHARED, 'utf8'))
      .map(([peer, check]) => `${peer}:${check}`)
      .filter((k) => !listed.has(k));
    assert.deepEqual(missing, [], 'add these to docs/parity/peer-checks.tsv');
  });

  it('lists each check once', () => {
    const keys = files.checks.map((c) => `${c.peer}:${c.check}`);
    assert.deepEqual(
      keys.filter((k, i) => keys.indexOf(k) !== i),
      [],
    );
  });

  it('has a rule or a reason for every check, and every alias of a listed tool names a listed check', () => {
    assert.deepEqual(parityProblems({ ...files, rules: RULES }), []);
  });

  it('docs/parity.md and docs/parity-summary.md are up to date (run npm run docs)', () => {
    for (const [rel, content] of parityPages(ROOT)) {
      const p = path.join(ROOT, rel);
      assert.ok(fs.existsSync(p), `${rel} missing: run npm run docs`);
      assert.equal(fs.readFileSync(p, 'utf8'), content, `${rel} is stale: run npm run docs`);
    }
  });

  describe('problems', () => {
    const rules = [
      { id: 'dockerfile/a', aliases: ['hadolint:DL3000', 'checkov:CKV_K8S_1'] },
      { id: 'dockerfile/b', aliases: ['hadolint:DL9999'] },
    ];
    const checks = [
      { peer: 'hadolint', check: 'DL3000' },
      { peer: 'hadolint', check: 'DL3001' },
      { peer: 'hadolint', check: 'SC2086' },
    ];

    it('flags a check with neither a rule nor a reason, and an alias naming an unlisted check', () => {
      assert.deepEqual(parityProblems({ checks, gaps: new Map(), rules }), [
        'hadolint:DL3001 has neither a rule nor a reason',
        'dockerfile/b names hadolint:DL9999, which docs/parity/peer-checks.tsv does not list',
      ]);
    });

    it('flags a reason given for a covered check, a reason for an unlisted check, and an empty reason', () => {
      const gaps = new Map([
        ['hadolint:DL3000', 'old reason'],
        ['hadolint:DL3001', ''],
        ['docker:Nope', 'x'],
      ]);
      assert.deepEqual(parityProblems({ checks, gaps, rules: [rules[0]!] }), [
        'hadolint:DL3000 is covered by dockerfile/a but also listed as a gap',
        'hadolint:DL3001 has neither a rule nor a reason',
        'gap docker:Nope is not a listed peer check',
      ]);
    });

    it('does not flag a check with a reason, aliases of tools the table does not show, or forwarded ShellCheck codes', () => {
      const gaps = new Map([['hadolint:DL3001', 'needs the registry']]);
      assert.deepEqual(parityProblems({ checks, gaps, rules: [rules[0]!] }), []);
    });

    it('shows the covering rule, the forwarded rule with its note, and the reason', () => {
      const rows = parityRows({ checks, gaps: new Map([['hadolint:DL3001', 'needs the registry']]), rules: [rules[0]!] });
      assert.deepEqual(
        rows.map((r) => [r.check, r.rules.join(','), r.note ?? '']),
        [
          ['DL3000', 'dockerfile/a', ''],
          ['DL3001', '', 'needs the registry'],
          ['SC2086', 'dockerfile/shellcheck', 'ShellCheck code: when the rule is enabled and `shellcheck` is on PATH'],
        ],
      );
      assert.deepEqual(paritySummary(rows)[0], { peer: 'hadolint', name: 'hadolint', covered: 2, forwarded: 1, total: 3 });
      assert.ok(parityMarkdown(rows).includes('| hadolint | 2 (1 through ShellCheck) | 3 |'));
      const md = parityMarkdown(rows);
      assert.ok(md.includes('| `DL3001` | — | needs the registry |'), md);
      assert.ok(md.includes('| `DL3000` | [`dockerfile/a`](rules/dockerfile/a.md) |  |'), md);
    });
  });

  it('groups rules by the tool their aliases name, for `shipshape rules --format markdown`', () => {
    const md = rulesByPeerMarkdown([
      { id: 'k8s/b', aliases: ['polaris:x', 'hadolint:DL3001'] },
      { id: 'k8s/a', aliases: ['polaris:x'] },
      { id: 'k8s/c', aliases: [] },
    ]);
    assert.equal(
      md,
      [
        '## hadolint',
        '',
        '| Check | Rules |',
        '| --- | --- |',
        '| `DL3001` | `k8s/b` |',
        '',
        '## polaris',
        '',
        '| Check | Rules |',
        '| --- | --- |',
        '| `x` | `k8s/b`, `k8s/a` |',
      ].join('\n'),
    );
  });
});
