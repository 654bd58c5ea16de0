/**
 * A short, seeded bad-input fuzz run (the long one is `npm run fuzz`): mutated fixtures, truncation
 * at every position, and the hostile inputs. No rule may throw, every finding and fix edit must lie
 * inside the document.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkInput, collectSeeds, loadEngine, type FuzzFailure, type Seed } from '../fuzz/check';
import { hostileFiles, hostileInputs, mutate, noNewlineStream, seeded, writeExtra } from '../fuzz/mutate';
import { LineSplitter, MAX_LINE_LENGTH } from '../../client/src/cluster/api';
import { ConfigLoader } from '../../server/src/engine/config';
import { readTextFileSync } from '../../server/src/engine/files';
import { walkFiles } from '../../server/src/engine/walk';
import { catalogue } from '../../server/src/rules/catalogue';
import { parseYaml } from '../../server/src/parse/yaml';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures');

/** Failures with the input that caused them, compact enough to read in an assertion message. */
function describeFailures(list: readonly { input: string; failure: FuzzFailure }[]): string[] {
  return list.map(({ input, failure }) => `${failure.invariant} ${failure.ruleId ?? ''} on ${input}: ${failure.message.split('\n')[0]}`);
}

describe('fuzz (short seeded run)', () => {
  let seeds: Seed[];
  before(async () => {
    await loadEngine();
    seeds = collectSeeds([FIXTURES]);
    assert.ok(seeds.length > 10, `expected fixture files under ${FIXTURES}`);
  });

  it('keeps every invariant on 300 seeded mutations of the fixtures', () => {
    const random = seeded(20261123);
    const failed: { input: string; failure: FuzzFailure }[] = [];
    for (let i = 0; i < 300; i++) {
      const seed = seeds[Math.floor(random() * seeds.length)]!;
      const m = mutate(seed.text, random);
      for (const failure of checkInput(seed.file, m.text).failures) {
        failed.push({ input: `${m.name} of ${path.relative(FIXTURES, seed.file)} (${JSON.stringify(m.text.slice(0, 120))}…)`, failure });
      }
    }
    assert.deepEqual(describeFailures(failed), []);
  });

  it('keeps every invariant when a Dockerfile, a manifest and a chart template are cut at every position', () => {
    const smallest = (test: RegExp) =>
      seeds.filter((s) => test.test(s.file) && s.text.length > 40).sort((a, b) => a.text.length - b.text.length)[0];
    const picked = [smallest(/\.Dockerfile$|\/Dockerfile$/), smallest(/\/k8s\/.*\.ya?ml$/), smallest(/\/templates\/[^/]+\.ya?ml$/)].filter(
      (s): s is Seed => s !== undefined,
    );
    assert.ok(picked.length >= 2, 'expected Dockerfile and manifest fixtures');
    const failed: { input: string; failure: FuzzFailure }[] = [];
    for (const seed of picked) {
      for (let p = 0; p <= seed.text.length; p++) {
        for (const failure of checkInput(seed.file, seed.text.slice(0, p)).failures) {
          failed.push({ input: `${path.relative(FIXTURES, seed.file)} cut at ${p}`, failure });
        }
      }
    }
    assert.deepEqual(describeFailures(failed), []);
  });

  it('keeps every invariant on the hostile inputs (deep nesting and alias bombs at full size, big files scaled down)', function () {
    // Generous: the 10,000-deep inputs take about a second on an idle machine.
    this.timeout(120_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-fuzz-'));
    const full = hostileInputs(1).filter((h) => /deep|alias|empty|BOM|binary opened/.test(h.name));
    const small = hostileInputs(0.02).filter((h) => !full.some((f) => f.name === h.name));
    const failed: { input: string; failure: FuzzFailure }[] = [];
    for (const h of [...full, ...small]) {
      writeExtra(dir, h);
      for (const failure of checkInput(path.join(dir, h.file), h.text, dir, 3).failures) failed.push({ input: h.name, failure });
    }
    assert.deepEqual(describeFailures(failed), []);
  });

  it('never reads links to devices or FIFOs: the walk skips them, a read refuses them, a config is ignored', function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-fuzz-'));
    const files = hostileFiles(dir);
    if (files.length === 0) this.skip();
    const walked = [...walkFiles(dir)].map((f) => path.relative(dir, f)).sort();
    assert.deepEqual(walked, ['chart/Chart.yaml', 'fifo/Dockerfile', 'zero/Dockerfile']);
    for (const f of files) {
      const r = readTextFileSync(f.file);
      assert.deepEqual(r.ok ? 'read' : [r.reason, r.detail], ['not-regular', 'is not a regular file'], f.name);
    }
    const ignored: string[] = [];
    const loader = new ConfigLoader(catalogue());
    loader.onUnreadable = (file) => ignored.push(path.relative(dir, file));
    loader.layersFor(path.join(dir, 'zero/Dockerfile'), dir);
    loader.layersFor(path.join(dir, 'fifo/Dockerfile'), dir);
    assert.deepEqual(
      ignored.sort(),
      files.some((f) => f.name.includes('FIFO')) ? ['fifo/.shipshape.yaml', 'zero/.shipshape.yaml'] : ['zero/.shipshape.yaml'],
    );
  });

  it('splits seeded log streams without newlines into pieces of at most 64 KB, losing nothing', () => {
    const random = seeded(31);
    for (let run = 0; run < 5; run++) {
      const chunks = noNewlineStream(300_000 + Math.floor(random() * 200_000), random);
      const lines: string[] = [];
      const splitter = new LineSplitter((l) => lines.push(l));
      for (const c of chunks) splitter.push(c);
      assert.ok(
        lines.every((l) => l.length <= MAX_LINE_LENGTH),
        'a piece over the cap',
      );
      assert.equal(lines.join(''), chunks.join('').replace(/\n/g, ''));
      assert.deepEqual(lines.slice(-2), ['next line', '']);
    }
  });

  it('does not materialise documents whose keys are collections (typing `[{[{…` must not freeze the server)', () => {
    const doc = parseYaml(`apiVersion: v1\nkind: Pod\nspec: ${'[{'.repeat(400)}\n`, 'manifest');
    assert.equal(doc.objects.length, 1);
    assert.equal(doc.objects[0]!.kind, 'Pod');
    assert.equal(doc.objects[0]!.value, undefined);
    assert.ok(doc.errors.length > 0);
  });
});
