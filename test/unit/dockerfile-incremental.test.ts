/**
 * A re-parse after an edit reuses the instructions of unchanged lines; the tree (and the shared
 * analysis built on it) must be exactly what a parse from scratch gives, whatever the edit.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Instruction, JSONInstruction, ModifiableInstruction, Run } from 'dockerfile-ast';
import { dockerModel } from '../../server/src/dockerfile/model';
import { shellReady } from '../../server/src/dockerfile/shell';
import { parseDockerfile, type DockerfileDocument } from '../../server/src/parse/dockerfile';
import { lint, parseAs } from '../../server/src/engine/engine';
import { Project } from '../../server/src/engine/project';
import type { ResolvedFinding } from '../../server/src/engine/types';
import { pathToFileUri } from '../../server/src/engine/uri';
import { RULES } from '../../server/src/rules';
import { seeded } from '../fuzz/mutate';
import { CORPUS, dockerfilesUnder, seededEdit, tempWorkspace } from './helpers';
import { engineReady } from './ready';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures');

type R = { start: { line: number; character: number }; end: { line: number; character: number } } | null | undefined;
const r = (x: R) => (x ? `${x.start.line}:${x.start.character}-${x.end.line}:${x.end.character}` : '-');

function instruction(i: Instruction): unknown {
  const j = i as JSONInstruction & ModifiableInstruction & Run;
  return {
    keyword: i.getKeyword(),
    range: r(i.getRange()),
    keywordRange: r(i.getInstructionRange()),
    args: i.getArguments().map((a) => `${a.getValue()}@${r(a.getRange())}`),
    flags: typeof j.getFlags === 'function' ? j.getFlags().map((f) => `${f.getName()}=${f.getValue()}@${r(f.getRange())}`) : undefined,
    json: typeof j.getJSONStrings === 'function' ? j.getJSONStrings().map((s) => `${s.getValue()}@${r(s.getRange())}`) : undefined,
    heredocs: typeof j.getHeredocs === 'function' ? j.getHeredocs().map((h) => `${h.getName()}@${r(h.getContentRange())}`) : undefined,
  };
}

/** Everything Shipshape reads from a parse, as plain data. */
function describeTree(doc: DockerfileDocument): unknown {
  const ast = doc.ast;
  const model = dockerModel(doc);
  return {
    escape: ast.getEscapeCharacter(),
    directives: ast.getDirectives().map((d) => `${d.getName()}=${d.getValue()}@${r(d.getRange())}`),
    comments: ast.getComments().map((c) => `${c.getContent()}@${r(c.getRange())}`),
    instructions: ast.getInstructions().map(instruction),
    froms: ast.getFROMs().map((f) => r(f.getRange())),
    triggers: ast.getOnbuildTriggers().map(instruction),
    stages: model.stages.map((s) => ({
      name: s.name,
      image: s.image?.text,
      n: s.instructions.length,
      posix: s.posix,
      pipefail: s.pipefail,
    })),
    runs: model.runs.map((run) => ({
      range: r(run.di.range),
      stage: run.di.stage,
      flags: run.flagText,
      commands: run.commands.map((c) => `${c.name}@${r(c.segment.range(c.cmd.start, c.cmd.end))}:${c.args.map((a) => a.raw).join(' ')}`),
    })),
  };
}

const FRAGMENTS = [
  'x',
  ' ',
  '\\',
  '`',
  '\n',
  '\\\n',
  '#',
  '# c\n',
  '"',
  '[',
  ']',
  '<<EOF',
  'EOF\n',
  'RUN ',
  'FROM a AS b\n',
  '&& y ',
  '\t',
  '$X',
];

/** Applies `steps` seeded edits, each re-parsed from the previous parse, comparing with a parse from scratch. */
function chain(name: string, text: string, steps: number, seed: number): void {
  const random = seeded(seed);
  let doc = parseDockerfile(text);
  for (let step = 0; step < steps; step++) {
    const next = seededEdit(doc.text, random, FRAGMENTS);
    const incremental = parseDockerfile(next, doc);
    assert.deepEqual(describeTree(incremental), describeTree(parseDockerfile(next)), `${name}, edit ${step} (seed ${seed})`);
    doc = incremental;
  }
}

describe('Dockerfile re-parse after an edit', () => {
  before(async () => {
    await shellReady;
  });

  it('reuses the instructions of unchanged lines', () => {
    const text = 'FROM debian:12\nRUN apt-get update\nRUN echo zero\nRUN echo one\nRUN echo two\nCMD ["run"]\n';
    const first = parseDockerfile(text);
    const next = parseDockerfile(text.replace('one', 'ONE'), first);
    const [a, b] = [first.ast.getInstructions(), next.ast.getInstructions()];
    // The changed line and one line either side are parsed again; the rest is kept.
    assert.deepEqual(
      b.map((ins, i) => ins === a[i]),
      [true, true, false, false, false, true],
    );
    assert.equal(b[3]!.getArguments()[1]!.getValue(), 'ONE');
  });

  it('parses from scratch when a continuation, a heredoc or a line count change crosses the window', () => {
    const text = 'FROM debian:12\nRUN a\nRUN b\nRUN c\n';
    const first = parseDockerfile(text);
    const continued = parseDockerfile(text.replace('RUN b', 'RUN b \\'), first);
    assert.deepEqual(
      continued.ast.getInstructions().map((i) => r(i.getRange())),
      ['0:0-0:14', '1:0-1:5', '2:0-3:5'],
    );
    const heredoc = parseDockerfile(text.replace('RUN b', 'RUN <<EOF'), first);
    assert.deepEqual(describeTree(heredoc), describeTree(parseDockerfile(heredoc.text)));
    // A continuation over blank lines, and a heredoc whose end lies past the re-parsed lines.
    const spaced = 'FROM a\nRUN a\nRUN b\n\n\nRUN c\nRUN d\nEOF\nRUN e\n';
    const spacedFirst = parseDockerfile(spaced);
    for (const changed of [spaced.replace('RUN b', 'RUN b \\'), spaced.replace('RUN b', 'RUN <<EOF')]) {
      assert.deepEqual(
        describeTree(parseDockerfile(changed, spacedFirst)),
        describeTree(parseDockerfile(changed)),
        JSON.stringify(changed),
      );
    }
    const shifted = parseDockerfile(text.replace('RUN b', 'RUN b\n'), first);
    assert.deepEqual(describeTree(shifted), describeTree(parseDockerfile(shifted.text)));
  });

  it('keeps a Windows escape directive', () => {
    const text = '# escape=`\n\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir `\n  c:\\\nRUN echo hi\n';
    const first = parseDockerfile(text);
    const next = parseDockerfile(text.replace('echo hi', 'echo ho'), first);
    assert.equal(next.ast.getInstructions()[0], first.ast.getInstructions()[0]);
    assert.equal(next.ast.getEscapeCharacter(), '`');
    chain('escape=`', text, 200, 7);
  });

  it('gives the tree of a full parse for 2,000 seeded edits of the rule fixtures', () => {
    const files = dockerfilesUnder(path.join(FIXTURES, 'rules'), 1000);
    assert.ok(files.length > 50, `expected the Dockerfile fixtures, found ${files.length}`);
    files.forEach((file, i) => {
      if (i % Math.ceil(files.length / 100) === 0) chain(path.relative(FIXTURES, file), fs.readFileSync(file, 'utf8'), 20, i + 1);
    });
  });

  it('gives the tree of a full parse for seeded edits of the public corpus', function () {
    this.timeout(120_000);
    const dir = path.join(CORPUS, 'docker');
    if (!fs.existsSync(dir)) {
      console.log(`  (skipped: no corpus at ${dir})`);
      this.skip();
    }
    const files = dockerfilesUnder(dir, 40);
    files.forEach((file, i) => chain(path.relative(dir, file), fs.readFileSync(file, 'utf8'), 15, 100 + i));
  });
});

/** A Dockerfile of `stages` stages that uses what the model keeps per stage: global ARGs, stages built from stages, ENV, ONBUILD, SHELL. */
function stagedDockerfile(stages: number): string {
  const out = ['# syntax=docker/dockerfile:1', 'ARG VERSION=1.2', '', 'ARG BASE=debian:bookworm-slim'];
  for (let i = 0; i < stages; i++) {
    const from = i % 4 === 3 ? `s${i - 1}` : i % 4 === 2 ? 'scratch' : '${BASE}';
    out.push('', `FROM ${from} AS s${i}`, `ENV APP_HOME=/opt/app${i} \\`, '    PATH=/opt/app/bin:$PATH', `WORKDIR $APP_HOME`);
    out.push(i % 5 === 1 ? 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]' : `LABEL version=$VERSION home=$APP_HOM`);
    out.push('RUN apt-get update \\', '    && apt-get install -y curl \\', `    && curl -fsSL https://example.com/$PAHT | sh`);
    out.push(`COPY src/ $APP_HOME/src`, 'ONBUILD COPY . /app', `USER $USER_ID`, 'EXPOSE 8080', `CMD ["/opt/app${i}/bin/server"]`);
  }
  return out.join('\n') + '\n';
}

describe('Findings after an edit of a Dockerfile', () => {
  /** Every field of the findings, as plain data. */
  const plain = (findings: readonly ResolvedFinding[]) => JSON.parse(JSON.stringify(findings)) as unknown;

  /**
   * Applies `steps` seeded edits through a project (the language server's path: the previous parse,
   * model and kept findings reused), comparing each edit's findings with a check of a parse from
   * scratch. Returns how many edits kept the model's first stage.
   */
  function lintChain(name: string, text: string, steps: number, seed: number, fragments: readonly string[]): number {
    const dir = tempWorkspace({ Dockerfile: text });
    const uri = pathToFileUri(path.join(dir, 'Dockerfile'));
    const project = Project.create(engineReady(), RULES, [dir]);
    const random = seeded(seed);
    let current = text;
    let kept = 0;
    let previous = dockerModel(parseAs('dockerfile', current) as DockerfileDocument);
    project.lint({ uri, text: current });
    for (let step = 0; step < steps; step++) {
      current = seededEdit(current, random, fragments);
      project.updateIndex(uri, current);
      const incremental = project.lint({ uri, text: current });
      const env = { rules: RULES, config: project.configFor(uri), workspace: project.index, probe: project.probe, ready: engineReady() };
      const fresh = lint({ uri, text: current }, env, { kind: 'dockerfile', chartRoot: undefined, doc: parseDockerfile(current) });
      assert.deepEqual(plain(incremental.findings), plain(fresh.findings), `${name}, edit ${step} (seed ${seed})`);
      const model = dockerModel(parseAs('dockerfile', current) as DockerfileDocument);
      if (model.stages[0] && model.stages[0] === previous.stages[0]) kept++;
      previous = model;
    }
    return kept;
  }

  /** Single characters, as typed (the bench's edits), and the fragments above. */
  const TYPED = ['a', 'x', '0', ' ', ':', '-', '_', '.', '#', '"', '{', '$', '=', ...FRAGMENTS];

  it('keeps the stages an edit did not touch, and builds again those it did', () => {
    const text = stagedDockerfile(6);
    const first = dockerModel(parseDockerfile(text));
    const lines = text.split('\n');
    const at = lines.indexOf('FROM s2 AS s3');
    const next = dockerModel(parseDockerfile(text.replace('FROM s2 AS s3', 'FROM s2 AS s3 '), first.doc));
    assert.ok(at > 0);
    assert.deepEqual(
      next.stages.map((s, i) => s === first.stages[i]),
      [true, true, true, false, true, true],
    );
    // A global ARG's default changes every image that uses it: those stages are new.
    const args = dockerModel(parseDockerfile(text.replace('bookworm-slim', 'trixie-slim'), first.doc));
    assert.deepEqual(
      args.stages.map((s, i) => s === first.stages[i]),
      [false, false, true, true, false, false],
    );
    assert.equal(args.stages[0]!.image?.text, 'debian:trixie-slim');
  });

  it("follow a rule's options when they change while the document is open, not the findings kept before", () => {
    const text = 'FROM alpine:3.20\nLABEL org.opencontainers.image.version=v1\nCMD ["true"]\n';
    const dir = tempWorkspace({ Dockerfile: text });
    const uri = pathToFileUri(path.join(dir, 'Dockerfile'));
    const project = Project.create(engineReady(), RULES, [dir]);
    const labels = () =>
      project
        .lint({ uri, text })
        .findings.filter((f) => f.ruleId === 'dockerfile/label-format')
        .map((f) => [f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character]);
    assert.deepEqual(labels(), []);
    project.setExplicitConfig({
      rules: { 'dockerfile/label-format': { options: { labelTypes: ['org.opencontainers.image.version=semver'] } } },
    });
    assert.deepEqual(labels(), [[1, 39, 1, 41]]);
    project.setExplicitConfig(undefined);
    assert.deepEqual(labels(), []);
  });

  it('are those of a check from scratch for seeded edits of the rule fixtures', function () {
    this.timeout(120_000);
    const files = dockerfilesUnder(path.join(FIXTURES, 'rules'), 1000);
    assert.ok(files.length > 50, `expected the Dockerfile fixtures, found ${files.length}`);
    files.forEach((file, i) => {
      if (i % Math.ceil(files.length / 60) === 0) lintChain(path.relative(FIXTURES, file), fs.readFileSync(file, 'utf8'), 15, i + 1, TYPED);
    });
  });

  it('are those of a check from scratch for seeded edits of a long multi-stage Dockerfile, which keep its stages', function () {
    this.timeout(120_000);
    const kept = lintChain('generated', stagedDockerfile(24), 150, 5, TYPED);
    assert.ok(kept > 75, `expected most edits to keep the first stage, got ${kept}`);
  });

  it('are those of a check from scratch for seeded edits of the public corpus', function () {
    this.timeout(180_000);
    const dir = path.join(CORPUS, 'docker');
    if (!fs.existsSync(dir)) {
      console.log(`  (skipped: no corpus at ${dir})`);
      this.skip();
    }
    dockerfilesUnder(dir, 40).forEach((file, i) => lintChain(path.relative(dir, file), fs.readFileSync(file, 'utf8'), 12, 200 + i, TYPED));
  });
});
