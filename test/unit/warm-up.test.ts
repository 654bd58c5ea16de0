import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Project } from '../../server/src/engine/project';
import { pathToFileUri } from '../../server/src/engine/uri';
import { shellReady } from '../../server/src/dockerfile/shell';
import { WARM_UP_SAMPLES, WarmUp, WarmUps, warmUpTexts } from '../../server/src/handlers/warmUp';
import { RULES } from '../../server/src/rules';
import { summary, tempWorkspace } from './helpers';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('server warm-up', () => {
  before(() => shellReady);

  it('types one character and takes it out again, at seeded positions', () => {
    const text = 'FROM alpine:3.20\nRUN echo hi\n';
    const texts = [...warmUpTexts(text, 7, 3)];
    assert.equal(texts.length, 7);
    assert.deepEqual([...warmUpTexts(text, 7, 3)], texts);
    assert.notDeepEqual([...warmUpTexts(text, 7, 4)], texts);
    for (let i = 0; i < texts.length; i++) {
      const before = i % 2 === 0 ? text : texts[i - 1]!;
      if (i % 2 === 1) {
        assert.equal(texts[i], text);
        continue;
      }
      assert.equal(texts[i]!.length, before.length + 1);
      // Exactly one character differs: the text with it removed at its first difference is the sample.
      let at = 0;
      while (texts[i]![at] === before[at]) at++;
      assert.equal(texts[i]!.slice(0, at) + texts[i]!.slice(at + 1), before);
    }
  });

  it('samples go through the Dockerfile and manifest rules, broken and whole', () => {
    const project = new Project(RULES);
    project.trusted = false;
    const ids = (s: (typeof WARM_UP_SAMPLES)[number], text: string) =>
      project.lint({ uri: s.uri, text, languageId: s.languageId }).findings.map((f) => f.ruleId);
    const [docker, manifest] = WARM_UP_SAMPLES;
    assert.equal(project.lint({ uri: docker!.uri, text: docker!.text, languageId: 'dockerfile' }).kind, 'dockerfile');
    assert.deepEqual([...new Set(ids(docker!, docker!.text))].sort(), [
      'dockerfile/add-url',
      'dockerfile/apt-pin-versions',
      'dockerfile/cd-instead-of-workdir',
      'dockerfile/image-digest-pin',
      'dockerfile/pip-no-cache-dir',
      'dockerfile/pipefail',
      'dockerfile/user-non-numeric',
    ]);
    assert.equal(project.lint({ uri: manifest!.uri, text: manifest!.text, languageId: 'yaml' }).kind, 'manifest');
    assert.ok(ids(manifest!, manifest!.text).includes('k8s/probes-missing'));
    // Some of the edited manifests break the YAML, so the library's parse is warmed as well as the fast reader.
    const broken = [...warmUpTexts(manifest!.text, 300, 2)].filter((t) => ids(manifest!, t).includes('yaml/syntax')).length;
    assert.ok(broken > 10 && broken < 150, `${broken} broken texts of 300`);
  });

  it('checks every edit of every sample, then reports', async () => {
    const w = new WarmUp(RULES, { edits: 6, idleMs: 0 }).start();
    const report = await w.done;
    assert.equal(report?.edits, 2 * 7);
    assert.equal(w.edits, 14);
    assert.ok(report.ms > 0);
  });

  it('waits while documents are being edited, and stops when cancelled', async () => {
    const w = new WarmUp(RULES, { edits: 100_000, idleMs: 60 });
    w.nudge();
    w.start();
    for (let i = 0; i < 6; i++) {
      await sleep(20);
      w.nudge();
    }
    assert.equal(w.edits, 0);
    await sleep(150);
    const ran = w.edits;
    assert.ok(ran > 0);
    w.cancel();
    assert.equal(await w.done, undefined);
    await sleep(30);
    assert.equal(w.edits, ran);
  });

  it('warms each kind in use once, from its first check', async () => {
    const reports: string[] = [];
    const warmUps = new WarmUps(RULES, (sample, r) => reports.push(`${sample.kind} ${r.edits}`), { edits: 4, idleMs: 0 });
    warmUps.checked('helm-values');
    warmUps.checked('manifest');
    warmUps.checked('manifest');
    await sleep(300);
    assert.deepEqual(reports, ['manifest 5']);
    warmUps.checked('dockerfile');
    warmUps.checked('manifest');
    await sleep(300);
    assert.deepEqual(reports, ['manifest 5', 'dockerfile 5']);
  });

  it('leaves the findings of a real workspace as they were', async () => {
    const docker = 'FROM python:3.12\nRUN pip install flask && apt-get update\nUSER app\n';
    const dir = tempWorkspace({
      Dockerfile: docker,
      'k8s/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: nginx\n',
    });
    const project = new Project(RULES, [dir]);
    const inputs = ['Dockerfile', 'k8s/pod.yaml'].map((f) => ({
      uri: pathToFileUri(path.join(dir, f)),
      text: fs.readFileSync(path.join(dir, f), 'utf8'),
    }));
    const lintAll = () => {
      for (const i of inputs) project.updateIndex(i.uri, i.text);
      return inputs.map((i) => summary(project.lint(i).findings));
    };
    const before = lintAll();
    assert.ok(before.every((f) => f.length > 0));
    await new WarmUp(RULES, { edits: 20, idleMs: 0 }).start().done;
    assert.deepEqual(lintAll(), before);
    assert.equal(project.index.size, 2);
  });
});
