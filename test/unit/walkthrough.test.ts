import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../server/src/rules';

const ROOT = path.resolve(__dirname, '../../..');

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: string; altText?: string };
  completionEvents?: string[];
}

describe('first-use walkthrough', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    contributes: { walkthroughs?: { id: string; title: string; steps: Step[] }[] };
  };
  const walkthroughs = pkg.contributes.walkthroughs ?? [];

  it('is contributed, with unique step ids', () => {
    assert.equal(walkthroughs.length, 1);
    const ids = walkthroughs[0]!.steps.map((s) => s.id);
    assert.ok(ids.length >= 4);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('has a title, a description and existing media for every step', () => {
    for (const step of walkthroughs[0]!.steps) {
      assert.ok(step.title && step.description, step.id);
      const media = step.media.markdown ?? step.media.image;
      assert.ok(media, `${step.id}: media`);
      assert.ok(fs.existsSync(path.join(ROOT, media)), `${step.id}: ${media} exists`);
      if (step.media.image) assert.ok(step.media.altText, `${step.id}: alt text`);
    }
  });

  it('names only rule ids that exist in its media', () => {
    const ids = new Set(RULES.map((r) => r.id));
    for (const step of walkthroughs[0]!.steps) {
      const text = fs.readFileSync(path.join(ROOT, step.media.markdown ?? ''), 'utf8');
      for (const m of text.matchAll(/\b((?:dockerfile|k8s|helm|kustomize|yaml)\/[a-z0-9-]+)/g))
        assert.ok(ids.has(m[1]!), `${step.id}: ${m[1]}`);
    }
  });
});
