import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DocumentKind } from '../../server/src/engine/types';
import { parseDockerfile } from '../../server/src/parse/dockerfile';
import { ENGINE_RULES, RULES } from '../../server/src/rules';
import { completionsAt } from '../../server/src/services/completion';
import { hoverAt, type ServiceDocument } from '../../server/src/services/hover';
import { CORPUS } from './helpers';

const env = { rules: [...RULES, ...ENGINE_RULES] };
const dockerfile = (text: string): ServiceDocument => ({ text, kind: 'dockerfile', dockerfile: parseDockerfile(text) });
const manifest = (text: string): ServiceDocument => ({ text, kind: 'manifest' });

describe('hover service', () => {
  it('describes parser directives', () => {
    const h = hoverAt(dockerfile('# syntax=docker/dockerfile:1\nFROM alpine:3.20\n'), { line: 0, character: 4 }, env);
    assert.deepEqual(h?.range, { start: { line: 0, character: 2 }, end: { line: 0, character: 8 } });
    assert.match(h!.markdown, /^Parser directive: the BuildKit frontend/);
  });

  it('describes the instruction an ONBUILD triggers', () => {
    const h = hoverAt(dockerfile('FROM alpine:3.20\nONBUILD COPY . /app\n'), { line: 1, character: 10 }, env);
    assert.deepEqual(h?.range, { start: { line: 1, character: 8 }, end: { line: 1, character: 12 } });
    assert.match(h!.markdown, /^\*\*COPY\*\* — /);
  });

  it('says when a suppressed id is not a rule, or maps to none', () => {
    const a = hoverAt(manifest('apiVersion: v1\nkind: Pod\n# shipshape-ignore k8s/no-such-rule\n'), { line: 2, character: 25 }, env);
    assert.match(a!.markdown, /^`k8s\/no-such-rule` is not a Shipshape rule id/);
    const b = hoverAt(dockerfile('# hadolint ignore=DL9999\nFROM alpine:3.20\n'), { line: 0, character: 20 }, env);
    assert.match(b!.markdown, /^`hadolint:DL9999` matches no Shipshape rule/);
  });

  it('maps a Checkov skip to the Shipshape rule with that alias', () => {
    const text = 'apiVersion: v1\nkind: Pod\n#checkov:skip=CKV_K8S_14:pinned elsewhere\n';
    const h = hoverAt(manifest(text), { line: 2, character: 16 }, env);
    assert.deepEqual(h?.range, { start: { line: 2, character: 14 }, end: { line: 2, character: 24 } });
    assert.match(h!.markdown, /\*\*k8s\/image-latest-tag\*\*/);
  });

  it('describes the field whose value the cursor is on, and nothing for unknown fields', () => {
    const text = 'apiVersion: v1\nkind: Service\nspec:\n  type: ClusterIP\n  bogus: 1\n';
    assert.match(hoverAt(manifest(text), { line: 3, character: 10 }, env)!.markdown, /^\*\*type\*\*: `"ClusterIP" \| /);
    assert.equal(hoverAt(manifest(text), { line: 4, character: 3 }, env), undefined);
  });
});

describe('completion service', () => {
  it('proposes the suppression directives after #', () => {
    const got = completionsAt(manifest('apiVersion: v1\nkind: Pod\n# ship\n'), { line: 2, character: 6 }, env);
    assert.deepEqual(
      got?.map((e) => [e.label, e.insertText, e.range.start.character, e.range.end.character]),
      [
        ['shipshape-ignore', 'shipshape-ignore ', 2, 6],
        ['shipshape-ignore-file', 'shipshape-ignore-file ', 2, 6],
      ],
    );
  });

  it('completes hadolint ids of the Dockerfile rules', () => {
    const got = completionsAt(dockerfile('# hadolint ignore=DL40\nFROM alpine:3.20\n'), { line: 0, character: 22 }, env);
    const item = got?.find((e) => e.label === 'DL4000');
    assert.equal(item?.detail, 'dockerfile/maintainer-deprecated — MAINTAINER is deprecated');
    assert.deepEqual(item?.range, { start: { line: 0, character: 18 }, end: { line: 0, character: 22 } });
  });

  it("completes Docker's build check names after # check=skip=, once per check", () => {
    const got = completionsAt(dockerfile('# check=skip=StageNameCasing,Multiple\nFROM alpine:3.20\n'), { line: 0, character: 37 }, env);
    const multiple = got?.filter((e) => e.label === 'MultipleInstructionsDisallowed');
    assert.equal(multiple?.length, 1);
    assert.equal(multiple?.[0]?.detail, 'dockerfile/multiple-cmd, dockerfile/multiple-entrypoint, dockerfile/multiple-healthcheck');
    assert.deepEqual(multiple?.[0]?.range, { start: { line: 0, character: 29 }, end: { line: 0, character: 37 } });
    assert.equal(
      got?.some((e) => e.label === 'StageNameCasing'),
      false,
      'already listed',
    );
    assert.equal(
      got?.some((e) => e.label.startsWith('DL')),
      false,
    );
  });

  it('offers apiVersion and kind at the top of a manifest that lacks them, and nothing below', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n---\nmetadata:\n  name: y\nk\n';
    assert.deepEqual(
      completionsAt(manifest(text), { line: 7, character: 1 }, env)?.map((e) => e.label),
      ['apiVersion', 'kind'],
    );
    assert.equal(completionsAt(manifest(text), { line: 6, character: 2 }, env), undefined);
  });

  it('never proposes status at the top level', () => {
    const got = completionsAt(manifest('apiVersion: v1\nkind: Pod\n\n'), { line: 2, character: 0 }, env)!.map((e) => e.label);
    assert.deepEqual(got.sort(), ['metadata', 'spec']);
  });
});

describe('hover and completion never throw (start, value and end of every line)', () => {
  const inputs: { file: string; text: string; kind: DocumentKind }[] = [];
  const collect = (dir: string, limit: number) => {
    if (!fs.existsSync(dir)) return;
    const stack = [dir];
    while (stack.length && inputs.length < limit) {
      const d = stack.pop()!;
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) stack.push(p);
        else if (/Dockerfile|\.ya?ml$/i.test(e.name) && fs.statSync(p).size < 20_000) {
          const kind: DocumentKind = /Dockerfile/i.test(e.name) ? 'dockerfile' : 'manifest';
          inputs.push({ file: p, text: fs.readFileSync(p, 'utf8'), kind });
        }
      }
    }
  };
  collect(path.resolve(__dirname, '../../../test/fixtures'), 400);
  const fromFixtures = inputs.length;
  collect(CORPUS, fromFixtures + 150);

  it(`on ${fromFixtures} fixtures and broken variants`, function () {
    if (inputs.length === 0) this.skip();
    let calls = 0;
    for (const { file, text, kind } of inputs.slice(0, fromFixtures)) {
      for (const variant of [
        text,
        text
          .slice(0, text.length >> 1)
          .replace(/:/g, '')
          .replace(/ {2}/g, '\t'),
      ]) {
        const doc: ServiceDocument = kind === 'dockerfile' ? dockerfile(variant) : manifest(variant);
        const lines = variant.split('\n');
        lines.forEach((line, i) => {
          for (const c of new Set([line.search(/\S|$/), line.indexOf(':') + 2, line.length])) {
            try {
              hoverAt(doc, { line: i, character: c }, env);
              completionsAt(doc, { line: i, character: c }, env);
              calls++;
            } catch (e) {
              assert.fail(`${file} ${i}:${c}: ${String(e)}`);
            }
          }
        });
      }
    }
    assert.ok(calls > 0);
  });

  it('on the public corpus', function () {
    if (inputs.length === fromFixtures) {
      console.log(`    (skipped: no corpus at ${CORPUS})`);
      this.skip();
    }
    for (const { file, text, kind } of inputs.slice(fromFixtures)) {
      const doc: ServiceDocument = kind === 'dockerfile' ? dockerfile(text) : manifest(text);
      text.split('\n').forEach((line, i) => {
        for (const c of new Set([line.search(/\S|$/), line.indexOf(':') + 2, line.length])) {
          try {
            hoverAt(doc, { line: i, character: c }, env);
            completionsAt(doc, { line: i, character: c }, env);
          } catch (e) {
            assert.fail(`${file} ${i}:${c}: ${String(e)}`);
          }
        }
      });
    }
  });
});
