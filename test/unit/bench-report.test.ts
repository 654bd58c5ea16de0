import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(__dirname, '../../..');

/** What bench/report.mjs exports (an ES module outside the TypeScript projects). */
interface Report {
  renderTables(results: unknown): string;
  renderTargets(results: unknown): string;
  renderSummary(results: unknown): string;
  renderRun(results: unknown): string;
  renderPage(results: unknown, notes: string): string;
  withSummary(readme: string, summary: string): string | undefined;
  GENERATED_LINE: string;
  SUMMARY_START: string;
  SUMMARY_END: string;
}

type Results = Record<string, unknown>;

/** The fixture: one run's results as bench/run.mjs writes them, with numbers chosen to check by hand. */
const fixture = (): Results => JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/bench/results.json'), 'utf8')) as Results;

/** The `### title` section of rendered tables, without its heading. */
function section(markdown: string, title: string): string {
  const start = markdown.indexOf(`### ${title}\n`);
  assert.ok(start >= 0, `has a "${title}" section`);
  const end = markdown.indexOf('\n### ', start + 1);
  return markdown.slice(start + title.length + 5, end < 0 ? undefined : end).trim();
}

describe('bench report', () => {
  let report: Report;
  before(async () => {
    // A computed specifier, so that the compiled CommonJS keeps a real `import()` of the ES module.
    const url = pathToFileURL(path.join(ROOT, 'bench/report.mjs')).href;
    report = (await import(url)) as Report;
  });

  it('gives each target the latest ratios and a verdict', () => {
    assert.equal(
      report.renderTargets(fixture()),
      [
        '| Target | Latest run | |',
        '| --- | --- | --- |',
        '| Typical Dockerfiles ≥ 3× dockerfile-language-server, first 60 edits | 3.3× | **met** |',
        '| … and in the steady state | 4× | **met** |',
        '| Typical manifests ≥ 10× yaml-language-server, first 60 edits | 8× | not met |',
        '| … and in the steady state | 12× | **met** |',
        '| Edit → diagnostics p95 under 5 ms on typical files, first 60 edits | 4–6 ms | not met |',
        '| … and in the steady state | 3–4.5 ms | **met** |',
        "| Peak RSS ≤ dockerfile-language-server's on a Dockerfile workspace | 80 MB against 66 MB | not met |",
        "| Peak RSS ≤ yaml-language-server's on a manifest workspace | 90–300 MB against 100–670 MB | **met** |",
        '| CLI at least the bare-parse rate of the same files on one core (`--jobs 1`) | 5,000/s on one core against 4,000/s for the bare parse (1.25×) | **met** |',
        "| CLI near-linear in cores (N jobs ≥ 0.9 × N × one job's rate) | 1.6× on 2 jobs | not met |",
        '| Manifest, 2000 documents ≥ 10× yaml-language-server | 12× | **met** |',
        '| Dockerfile, 1,000 lines ≥ 5× dockerfile-language-server | – | not measured |',
      ].join('\n'),
    );
  });

  it('writes the README summary in five lines, met or not', () => {
    assert.equal(
      report.renderSummary(fixture()),
      [
        'Targets against the latest run (2026-12-08, commit abc1234, 2-core machine; lockstep over stdio, peer ÷ Shipshape medians):',
        '- Typical Dockerfiles, ≥ 3× dockerfile-language-server: 3.3× over the first 60 edits, 4× in the steady state (met in both).',
        '- Typical manifests, ≥ 10× yaml-language-server: 8× over the first 60 edits, 12× in the steady state (first not met, steady met).',
        "- p95 under 5 ms: 4–6 ms first, 3–4.5 ms steady (first not met, steady met). Peak RSS ≤ the peer's: 80 MB against 66 MB (Dockerfiles, not met), 90–300 MB against 100–670 MB (manifests, met).",
        '- CLI ≥ the bare parse per core: 5,000/s on one core against 4,000/s for the bare parse (1.25×), 1.6× on 2 jobs (one core: met; near-linear: not met). Method, all tables and what was tried: [docs/performance.md](docs/performance.md).',
      ].join('\n'),
    );
  });

  it('puts the first 60 edits and the steady state side by side, each with its p95 and ratio', () => {
    assert.equal(
      section(report.renderTables(fixture()), 'Edit → diagnostics'),
      [
        "Times in ms from an edit over stdio to its diagnostics, median / p95. The first 60 edits are those right after opening the file; the steady state is the edits after them. Ratios are the peer's median ÷ Shipshape's (above 1×, Shipshape answers faster).",
        '',
        '| Input | Lines | Server | Open | First 60 edits | Steady state | Ratio, first 60 | Ratio, steady | All edits min / median / p95 / max | Code action median / p95 |',
        '| --- | ---: | --- | ---: | --- | --- | ---: | ---: | --- | --- |',
        '| Dockerfile, typical (python) | 139 | shipshape | 40 | 2 / 4 | 1.5 / 3 | 3.3× | 4× | 1 / 1.6 / 4.2 / 9 | 0.5 / 1.25 |',
        '| | | shipshape (pull) | 41 | 2.6 / 4.5 | 1.5 / 3.1 | 2.5× | 4× | 1 / 1.7 / 4.4 / 9 | 0.6 / 1.3 |',
        '| | | dockerfile-language-server | 55.6 | 6.5 / 12 | 6 / 10 |  |  | 2 / 6.2 / 11 / 20 | – |',
        '| Manifest, typical (argocd) | 53 | shipshape | 12 | 2.5 / 6 | 1 / 4.5 | 8× | 12× | 0.8 / 1.2 / 5.5 / 8 | – |',
        '| | | yaml-language-server | 170 | 20 / 30 | 12 / 20 |  |  | 5 / 14 / 25 / 40 | – |',
        '| Dockerfile, 1,000 lines | 1,001 | shipshape | 200 | 9 / 17 | 7.5 / 15 | – | – | 5 / 8 / 16 / 30 | – |',
        '| | | dockerfile-language-server | error: initialize answer: timed out \\| after 60000 ms | | | | | | |',
        '| Manifest, 2000 documents | 54,800 | shipshape | 800 | 500 / 900 | – | 12× | – | 300 / 500 / 900 / 900 | – |',
        '| | | yaml-language-server | 7,000 | 6,000 / 6,500 | – |  |  | 4,000 / 6,000 / 6,500 / 6,500 | – |',
        '',
        'Manifest, 2000 documents gets 10 edits: all in the first column, none in the steady state.',
      ].join('\n'),
    );
  });

  it('gives each server its peak RSS per case, against the peer', () => {
    assert.equal(
      section(report.renderTables(fixture()), 'Memory'),
      [
        "Peak resident set (VmHWM) of each server process over the case: a fresh server per case, whose workspace is the case's folder alone.",
        '',
        "| Input | Server | Peak RSS MB | ÷ the peer's |",
        '| --- | --- | ---: | ---: |',
        '| Dockerfile, typical (python) | shipshape | 80 | 1.21× |',
        '| | shipshape (pull) | 82.5 | 1.25× |',
        '| | dockerfile-language-server | 66 |  |',
        '| Manifest, typical (argocd) | shipshape | 90 | 0.9× |',
        '| | yaml-language-server | 100 |  |',
        '| Dockerfile, 1,000 lines | shipshape | 120 |  |',
        '| Manifest, 2000 documents | shipshape | 300 | 0.45× |',
        '| | yaml-language-server | 670 |  |',
        '',
        'Workspace of 5,000 manifests: indexed (5,000 files) in 2.1 s, RSS 122.7 MB after indexing, peak 135.3 MB; an edit in one of its files → diagnostics in 0.4 / 2.27 / 7.26 / 11.15 ms (min / median / p95 / max).',
      ].join('\n'),
    );
  });

  it('shows the floor: parse against check, the peer engine in-process, and the round trip', () => {
    const floor = section(report.renderTables(fixture()), 'The floor');
    assert.ok(
      floor.includes(
        '| Input | Parse ms | Shipshape check ms | Check ÷ parse |\n| --- | ---: | ---: | ---: |\n| Dockerfile, typical (python) | 1.2 | 0.9 | 0.75× |\n',
      ),
    );
    assert.ok(floor.includes('| Dockerfile, 1,000 lines | 12.345 | 24.5 | 1.98× |\n| Manifest, 2000 documents | 900 | 400 | 0.44× |\n'));
    assert.ok(
      floor.includes(
        '| Input | Shipshape ms | dockerfile-utils ms | Ratio |\n| --- | ---: | ---: | ---: |\n| Dockerfile, typical (python) | 1.1 | 4.4 | 4× |\n',
      ),
    );
    assert.ok(
      floor.includes(
        "min / median / p95 / max: 0.16 / 0.25 / 0.68 / 2.24 ms. The typical files' peer medians are 24.8×, 56× this median: the most any check could reach against them.\n",
      ),
    );
    assert.ok(
      floor.endsWith(
        "a bare server on vscode-languageserver that only keeps the text and publishes an empty list answers in 0.2 ms (median; p95 0.4), Shipshape without a check in 0.5 ms: the hop to the check worker and back costs 0.3 ms. No server on this transport answers faster than the bare one: against the typical files' peers the ratio cannot pass 31×, 70×.",
      ),
    );
  });

  it('shows the CLI by cores and by shards from cliScaling', () => {
    const cli = section(report.renderTables(fixture()), 'The CLI');
    assert.ok(cli.includes('| generated, 10,000 manifests | 10,000 | 10,000 | 3.5 | 2,857 | 2.5 | 4,000 |'));
    assert.ok(
      cli.endsWith(
        [
          'By cores and shards:',
          '',
          'generated, 10,000 manifests (10,000 files, 10,000 objects): the bare parse of the same files in one process reaches 4,000/s.',
          '',
          '| `--jobs` | Seconds | Objects / s |',
          '| ---: | ---: | ---: |',
          '| 1 | 2 | 5,000 |',
          '| 2 | 1.25 | 8,000 |',
          '',
          '| `--shard` | Seconds |',
          '| --- | ---: |',
          '| 1/2 | 1.4 |',
          '| 2/2 | 1.5 |',
        ].join('\n'),
      ),
    );
  });

  it('says "not measured" for the CLI by cores when the run has no cliScaling', () => {
    const results = fixture();
    delete results['cliScaling'];
    assert.ok(
      report
        .renderTables(results)
        .endsWith('By cores and shards:\n\nThe CLI by cores (`--jobs`) and by shards (`--shard K/N`): not measured in this run.'),
    );
    const targets = report.renderTargets(results);
    assert.ok(targets.includes('| CLI at least the bare-parse rate of the same files on one core (`--jobs 1`) | – | not measured |'));
    assert.ok(targets.includes("| CLI near-linear in cores (N jobs ≥ 0.9 × N × one job's rate) | – | not measured |"));
    assert.ok(
      targets.endsWith(
        'Without the `--jobs 1` run, the CLI at its default `--jobs` checked 2,857 generated manifests/s, against 4,000/s for their bare parse in one process.',
      ),
    );
    assert.ok(report.renderSummary(results).includes('\n- CLI ≥ the bare parse per core: not measured in this run. Method'));
  });

  it('computes a missing rate from its count and seconds', () => {
    const results = fixture();
    results['cliScaling'] = [
      {
        name: 'corpus k8s/',
        files: 300,
        parseSeconds: 0.5,
        jobs: [
          { jobs: 1, seconds: 0.6 },
          { jobs: 2, seconds: 0.3 },
        ],
      },
    ];
    assert.ok(report.renderTargets(results).includes('| 500/s on one core against 600/s for the bare parse (0.83×) | not met |'));
    assert.ok(report.renderTargets(results).includes('| 2× on 2 jobs | **met** |'));
  });

  it('never rounds a value across its target', () => {
    const results = fixture();
    const [docker, manifest] = results['cases'] as { servers: Record<string, Record<string, { median: number; p95: number }>> }[];
    manifest!.servers['yaml-language-server']!['editSteady']!.median = 9.96;
    docker!.servers['shipshape']!['editSteady']!.p95 = 4.96;
    manifest!.servers['shipshape']!['editSteady']!.p95 = 4.2;
    const targets = report.renderTargets(results);
    assert.ok(
      targets.includes(
        '| Typical manifests ≥ 10× yaml-language-server, first 60 edits | 8× | not met |\n| … and in the steady state | 9.96× | not met |',
      ),
    );
    assert.ok(
      targets.includes(
        '| Edit → diagnostics p95 under 5 ms on typical files, first 60 edits | 4–6 ms | not met |\n| … and in the steady state | 4.2–4.96 ms | **met** |',
      ),
    );
  });

  it('says which run, on what and against which peers', () => {
    const results = fixture();
    assert.equal(
      report.renderRun(results),
      "This page's numbers: the run of 2026-12-08 of commit abc1234, on Test CPU, 2 cores, 8 GiB, linux 6.0, Node 20.20.2; seed 9, 200 seeded edits per typical file (the first 60 and the 140 after them). Peers: dockerfile-language-server-nodejs 0.15.0, and yaml-language-server 1.25.0 with an offline all-kinds Kubernetes schema (71 kinds, v1.34.0 (@kubernetes/client-node)) and its 200 ms validation delay set to 0.",
    );
    results['quick'] = true;
    assert.ok(
      report
        .renderRun(results)
        .includes(
          ' This was a `--quick` run (fewer and smaller inputs, fewer edits): its numbers are for trying the bench, not for comparing.',
        ),
    );
  });

  it('renders the notes with every placeholder filled and every line of prose kept', () => {
    const notes = fs.readFileSync(path.join(ROOT, 'bench/performance-notes.md'), 'utf8');
    const page = report.renderPage(fixture(), notes);
    assert.ok(page.startsWith(`# Shipshape performance\n\n${report.GENERATED_LINE}\n`));
    assert.ok(page.includes(`\n${report.renderTargets(fixture())}\n`));
    assert.ok(page.includes(`\n${report.renderRun(fixture())}\n`));
    assert.ok(page.includes(`\n<!-- bench:start -->\n${report.renderTables(fixture())}\n<!-- bench:end -->\n`));
    for (const prose of notes.split(/^<!-- bench:[a-z-]+ -->$/m)) assert.ok(page.includes(prose), prose.slice(0, 80));
    assert.ok(!/^<!-- bench:(generated|targets|run|tables) -->$/m.test(page));
    for (const title of ['## Targets', '## Method', '## Latest run', '## What was tried', '## History'])
      assert.ok(page.includes(`\n${title}\n`), title);
  });

  it('refuses notes with a placeholder missing, unknown or twice', () => {
    const notes = '# T\n\n<!-- bench:generated -->\n\n<!-- bench:targets -->\n\n<!-- bench:run -->\n\n<!-- bench:tables -->\n';
    assert.ok(report.renderPage(fixture(), notes).startsWith(`# T\n\n${report.GENERATED_LINE}\n\n| Target |`));
    assert.throws(() => report.renderPage(fixture(), notes.replace('<!-- bench:tables -->\n', '')), /missing <!-- bench:tables -->/);
    assert.throws(() => report.renderPage(fixture(), `${notes}<!-- bench:table -->\n`), /unknown placeholder <!-- bench:table -->/);
    assert.throws(() => report.renderPage(fixture(), `${notes}<!-- bench:run -->\n`), /<!-- bench:run --> appears twice/);
  });

  it('replaces the README summary between its markers, or makes them the Performance section', () => {
    const { SUMMARY_START, SUMMARY_END } = report;
    const marked = `# X\n\n## Performance\n\nIntro.\n\n${SUMMARY_START}\nold\n${SUMMARY_END}\n\nAfter.\n\n## Limits\n\nL.\n`;
    assert.equal(
      report.withSummary(marked, 'new'),
      `# X\n\n## Performance\n\nIntro.\n\n${SUMMARY_START}\nnew\n${SUMMARY_END}\n\nAfter.\n\n## Limits\n\nL.\n`,
    );
    const unmarked = '# X\n\n## Performance\n\nA long table.\n\n| a |\n\n### Sub\n\nMore.\n\n## Limits\n\nL.\n';
    const first = report.withSummary(unmarked, 'new')!;
    assert.equal(first, `# X\n\n## Performance\n\n${SUMMARY_START}\nnew\n${SUMMARY_END}\n\n## Limits\n\nL.\n`);
    assert.equal(
      report.withSummary(first, 'newer'),
      `# X\n\n## Performance\n\n${SUMMARY_START}\nnewer\n${SUMMARY_END}\n\n## Limits\n\nL.\n`,
    );
    assert.equal(
      report.withSummary('# X\n\n## Performance\n\nLast section.\n', 'new'),
      `# X\n\n## Performance\n\n${SUMMARY_START}\nnew\n${SUMMARY_END}\n`,
    );
    assert.equal(report.withSummary('# X\n\n## Other\n', 'new'), undefined);
  });

  it('renders results written before the first/steady split without failing', () => {
    const results = fixture();
    delete results['firstEdits'];
    delete results['edits'];
    for (const c of results['cases'] as { kind?: string; servers: Record<string, Record<string, unknown>> }[]) {
      delete c.kind;
      for (const r of Object.values(c.servers)) {
        delete r['editFirst'];
        delete r['editSteady'];
      }
    }
    const targets = report.renderTargets(results);
    assert.ok(targets.includes('| Typical Dockerfiles ≥ 3× dockerfile-language-server, first 60 edits | – | not measured |'));
    assert.ok(targets.includes("| Peak RSS ≤ dockerfile-language-server's on a Dockerfile workspace | 80 MB against 66 MB | not met |"));
    assert.ok(
      report
        .renderTables(results)
        .includes('| Dockerfile, typical (python) | 139 | shipshape | 40 | – | – | – | – | 1 / 1.6 / 4.2 / 9 | 0.5 / 1.25 |'),
    );
  });
});
