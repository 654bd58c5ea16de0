/**
 * Fix safety: over the rule fixtures, mutated inputs and a deterministic sample of the corpus
 * (when present), applying fixes must never damage a file. All safe fixes together, then each
 * unsafe fix alone, must give a text that parses, has no new error finding (the schema rules
 * included), breaks no rule the API server enforces, keeps every comment line, its line endings
 * and the bytes outside the edits, and stays unchanged on a second pass.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { EffectiveConfig } from '../../server/src/engine/config';
import { applyEdits, computeFix, fixAll, lint, type LintEnvironment } from '../../server/src/engine/engine';
import { DiskProbe, summarize } from '../../server/src/engine/project';
import { LineIndex } from '../../server/src/engine/text';
import type { ResolvedFinding, TextEdit } from '../../server/src/engine/types';
import { pathToFileUri } from '../../server/src/engine/uri';
import { WorkspaceIndex } from '../../server/src/engine/workspace';
import { shellReady } from '../../server/src/dockerfile/shell';
import { RULES } from '../../server/src/rules';
import { CORPUS, dockerfilesUnder, filesUnder } from './helpers';
import { engineReady } from './ready';

const ROOT = path.resolve(__dirname, '../../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/rules');
/** Corpus files checked per kind: every n-th file in name order, so the sample is the same on every run. */
const CORPUS_SAMPLE = 40;

interface Input {
  readonly name: string;
  readonly file: string;
  readonly text: string;
}

function environment(input: Input): { uri: string; env: LintEnvironment } {
  const probe = new DiskProbe();
  const index = new WorkspaceIndex((p) => probe.exists(p));
  const uri = pathToFileUri(input.file);
  index.set(summarize(uri, input.text, undefined, probe));
  const config = new EffectiveConfig({ rules: {}, kubernetesVersion: '1.33', maxFileSize: 5e6 });
  return { uri, env: { rules: RULES, config, workspace: index, probe, ready: engineReady() } };
}

function isYaml(file: string): boolean {
  return /\.ya?ml$/i.test(file);
}

function yamlErrors(text: string): number {
  return parseAllDocuments(text).reduce((n, d) => n + ('errors' in d ? d.errors.length : 0), 0);
}

function errorCounts(findings: readonly ResolvedFinding[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of findings) if (f.severity === 'error') out.set(f.ruleId, (out.get(f.ruleId) ?? 0) + 1);
  return out;
}

function commentLines(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of text.split(/\r?\n/)) {
    const t = l.trim();
    if (t.startsWith('#')) out.set(t, (out.get(t) ?? 0) + 1);
  }
  return out;
}

/** `true` values the API server or the kubelet refuses in one container's effective security context. */
function rejectedCombination(text: string): string | undefined {
  if (!/allowPrivilegeEscalation|runAsNonRoot/.test(text)) return undefined;
  for (const doc of parseAllDocuments(text)) {
    if (!('toJS' in doc)) continue;
    const problem = findRejected(doc.toJS({ maxAliasCount: -1 }) as unknown, undefined);
    if (problem) return problem;
  }
  return undefined;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function findRejected(node: unknown, podSc: Obj | undefined): string | undefined {
  if (Array.isArray(node)) {
    for (const n of node) {
      const p = findRejected(n, podSc);
      if (p) return p;
    }
    return undefined;
  }
  if (!isObj(node)) return undefined;
  const containers = ['containers', 'initContainers'].flatMap((k) => (Array.isArray(node[k]) ? (node[k] as unknown[]) : []));
  const pod = isObj(node['securityContext']) && containers.length ? (node['securityContext'] as Obj) : podSc;
  for (const c of containers) {
    if (!isObj(c)) continue;
    const sc = isObj(c['securityContext']) ? (c['securityContext'] as Obj) : {};
    const adds =
      isObj(sc['capabilities']) && Array.isArray((sc['capabilities'] as Obj)['add'])
        ? ((sc['capabilities'] as Obj)['add'] as unknown[])
        : [];
    if (sc['allowPrivilegeEscalation'] === false && sc['privileged'] === true)
      return 'allowPrivilegeEscalation: false with privileged: true';
    if (sc['allowPrivilegeEscalation'] === false && adds.some((a) => /^(CAP_)?SYS_ADMIN$/i.test(String(a))))
      return 'allowPrivilegeEscalation: false with CAP_SYS_ADMIN';
    const user = sc['runAsUser'] ?? pod?.['runAsUser'];
    const nonRoot = sc['runAsNonRoot'] ?? pod?.['runAsNonRoot'];
    if (nonRoot === true && user === 0) return 'runAsNonRoot: true with runAsUser: 0';
  }
  for (const v of Object.values(node)) {
    const p = findRejected(v, pod);
    if (p) return p;
  }
  return undefined;
}

/** An edit that starts or ends between the `\r` and `\n` of a line break, or inside a surrogate pair. */
function splitsCharacters(text: string, edits: readonly TextEdit[]): boolean {
  const lines = new LineIndex(text);
  return edits.some((e) =>
    [lines.offsetAt(e.range.start), lines.offsetAt(e.range.end)].some(
      (o) =>
        (o > 0 && text[o - 1] === '\r' && text[o] === '\n') ||
        (o > 0 && /[\ud800-\udbff]/.test(text[o - 1]!) && /[\udc00-\udfff]/.test(text[o] ?? '')),
    ),
  );
}

/** Lines with an odd number of unescaped double quotes: a quoted value a fix cut in two. */
function oddQuoteLines(lines: Iterable<string>): number {
  let n = 0;
  for (const l of lines) if ((l.replace(/\\./g, '').match(/"/g)?.length ?? 0) % 2 === 1) n++;
  return n;
}

/** The checks every fixed text must pass against the text it came from. */
function assertSound(what: string, before: string, after: string, beforeFindings: readonly ResolvedFinding[], file: string): void {
  const { uri, env } = environment({ name: what, file, text: after });
  if (isYaml(file)) assert.ok(yamlErrors(after) <= yamlErrors(before), `${what}: the result no longer parses as YAML`);
  const afterFindings = lint({ uri, text: after }, env).findings;
  const was = errorCounts(beforeFindings);
  for (const [id, n] of errorCounts(afterFindings)) assert.ok(n <= (was.get(id) ?? 0), `${what}: new ${id} error`);
  if (isYaml(file) && !rejectedCombination(before)) {
    const rejected = rejectedCombination(after);
    assert.equal(rejected, undefined, `${what}: the result is rejected (${rejected})`);
  }
  const had = new Set(before.split(/\r?\n/));
  const added = after.split(/\r?\n/).filter((l) => !had.has(l));
  assert.ok(oddQuoteLines(added) <= oddQuoteLines(had), `${what}: a changed line has unbalanced quotes`);
  const comments = commentLines(after);
  for (const [line, n] of commentLines(before)) assert.ok((comments.get(line) ?? 0) >= n, `${what}: lost the comment line "${line}"`);
  if (!before.includes('\r')) assert.ok(!after.includes('\r'), `${what}: a LF file gained CR characters`);
  if (before.includes('\r\n') && !/(^|[^\r])\n/.test(before))
    assert.ok(!/(^|[^\r])\n/.test(after), `${what}: a CRLF file gained bare LF line breaks`);
}

interface Covered {
  files: number;
  safe: number;
  unsafe: number;
  /** One line per failed check, so a run shows every broken fix at once. */
  problems: string[];
}

/** Runs one check; a failed assertion becomes a line in `problems`. */
function attempt(covered: Covered, check: () => void): void {
  try {
    check();
  } catch (e) {
    if (!(e instanceof assert.AssertionError)) throw e;
    covered.problems.push(e.message.split('\n')[0]!);
  }
}

function checkInput(input: Input, covered: Covered): void {
  const { uri, env } = environment(input);
  const before = lint({ uri, text: input.text }, env);
  if (before.kind === 'other') return;
  covered.files++;
  // All safe fixes together, then a second pass that must change nothing.
  const safe = fixAll({ uri, text: input.text }, env);
  covered.safe += safe.applied;
  if (safe.applied) attempt(covered, () => assertSound(`${input.name} (safe fixes)`, input.text, safe.text, before.findings, input.file));
  const again = fixAll({ uri, text: safe.text }, env);
  attempt(covered, () => assert.equal(again.text, safe.text, `${input.name}: a second --fix pass changed the file again`));
  // Each fix alone (unsafe ones included).
  for (const f of before.findings) {
    const rule = RULES.find((r) => r.id === f.ruleId);
    if (!rule?.fix) continue;
    const fix = computeFix(rule, { uri, text: input.text }, f, env);
    if (!fix || !fix.edits.length) continue;
    const what = `${input.name}: ${f.ruleId} at ${f.range.start.line + 1}:${f.range.start.character + 1}`;
    if (fix.applicability === 'unsafe') covered.unsafe++;
    attempt(covered, () => {
      assert.equal(
        fix.applicability,
        rule.fixApplicability === 'safe' ? fix.applicability : 'unsafe',
        `${what}: a fix raised its rule's applicability`,
      );
      assert.ok(!splitsCharacters(input.text, fix.edits), `${what}: an edit splits a line break or a character`);
      assertSound(what, input.text, applyEdits(input.text, fix.edits), before.findings, input.file);
    });
  }
  // All fixes with --unsafe-fixes: a second pass must change nothing either.
  const all = fixAll({ uri, text: input.text }, env, { unsafe: true });
  if (all.applied) attempt(covered, () => assertSound(`${input.name} (--unsafe-fixes)`, input.text, all.text, before.findings, input.file));
  const twice = fixAll({ uri, text: all.text }, env, { unsafe: true }).text;
  attempt(covered, () => assert.equal(twice, all.text, `${input.name}: a second --unsafe-fixes pass changed the file again`));
}

/** Every fixture file that lints as a Dockerfile or a manifest (golden `.fixed` files included). */
function fixtureInputs(): Input[] {
  return filesUnder(FIXTURES, (name) => /(^|\.)Dockerfile$|\.ya?ml$|^bad\.|^good\./.test(name) && name !== '_target').map((file) => ({
    name: path.relative(ROOT, file),
    file,
    text: fs.readFileSync(file, 'utf8'),
  }));
}

/** Inputs written to break fixes: flow style, CRLF, quoting, heredocs, comments in continuations. */
const MUTATED: Record<string, string> = {
  'flow-pod.yaml':
    'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec: {containers: [{name: web, image: "nginx:1.27", ports: [{containerPort: 80}]}]}\n',
  'flow-deploy.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  selector: {matchLabels: {app: api}}\n  template:\n    metadata: {labels: {app: api}}\n    spec:\n      containers:\n        - {name: api, image: "api:1.0", securityContext: {}, env: [{name: DB_PASSWORD, value: hunter2hunter2}]}\n',
  'quoted.yaml':
    '"apiVersion": "apps/v1"\n"kind": \'Deployment\'\nmetadata:\n  "name": \'q\'\nspec:\n  selector:\n    matchLabels: {"app": "q"}\n  template:\n    metadata:\n      labels:\n        "app": "q"\n    spec:\n      containers:\n        - "name": "q"\n          "image": \'q:1.0\' # pinned\n          "ports":\n            - "containerPort": 8080\n',
  'commented.yaml':
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: c # the name\nspec:\n  # containers follow\n  containers:\n    # the only one\n    - name: c\n      image: c:1.0\n      # no security context yet\n\n# trailing comment\n',
  'privileged.yaml':
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: p\n      image: p:1.0\n      securityContext:\n        privileged: true\n    - name: q\n      image: q:1.0\n      securityContext:\n        capabilities:\n          add: ["SYS_ADMIN"]\n    - name: r\n      image: r:1.0\n      securityContext:\n        runAsUser: 0\n',
  'Dockerfile.heredoc':
    'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\nRUN <<EOT bash\nset -e\necho unterminated\n',
  'Dockerfile.continuation':
    'FROM debian:12\nRUN apt-get update \\\n# install the tools\n    && apt install curl \\\n    # and clean up\n    && rm -rf /var/lib/apt/lists/*\nRUN cd /tmp && wget http://example.com/x | tar -x\n# the end\nRUN echo done\n',
  'Dockerfile.quoting':
    'FROM scratch\nWORKDIR "src dir"\nCOPY "a b" "rel dest/"\nCOPY app.py \'app/\'\nMAINTAINER "Jane \\"JJ\\" Doe" <jane@example.com>\n',
  'Dockerfile.maintainer':
    'FROM alpine:3.20\nMAINTAINER Jane Doe \\\n# a comment inside the instruction\n    <jane@example.com>\nCMD ["sh"]\n',
  'Dockerfile.windows':
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN Get-ChildItem | Select-Object Name\nCMD ["cmd"]\n',
  'Dockerfile.onbuild': 'FROM node:20-alpine\nONBUILD COPY . /app\nONBUILD RUN npm install\nCMD ["node", "/app/index.js"]\n',
  'Dockerfile.shell':
    'FROM debian:12\nSHELL ["/bin/sh", "-c"]\nRUN curl -fsSL https://example.com/a | tar -xz\nRUN wget -qO- https://example.com/b | sh\n',
  'Dockerfile.pipes':
    'FROM debian:12\nRUN curl -fsSL https://example.com/a | tar -xz\nRUN curl -fsSL https://example.com/b | tar -xz\nFROM debian:12\nRUN curl -fsSL https://example.com/c | tar -xz\n',
  'Dockerfile.oldnode': 'FROM node:6\nCOPY . /app\nRUN npm install\nCMD ["node", "/app/index.js"]\n',
  'Dockerfile.db': 'FROM postgres:16\nEXPOSE 5432\nCMD ["postgres"]\n',
};

function mutatedInputs(): Input[] {
  const dir = path.join(ROOT, 'test/fixtures/fix-safety');
  const out: Input[] = [];
  for (const [name, text] of Object.entries(MUTATED)) {
    const file = path.join(dir, name.startsWith('Dockerfile') ? name.replace('Dockerfile.', '') + '/Dockerfile' : name);
    out.push({ name: `mutated ${name}`, file, text });
    out.push({ name: `mutated ${name} (CRLF)`, file, text: text.replace(/\n/g, '\r\n') });
  }
  return out;
}

function corpusInputs(): Input[] {
  const every = (files: string[]) => {
    const step = Math.max(1, Math.floor(files.length / CORPUS_SAMPLE));
    return files.filter((_, i) => i % step === 0).slice(0, CORPUS_SAMPLE);
  };
  const docker = every(dockerfilesUnder(path.join(CORPUS, 'docker')));
  const k8s = every(filesUnder(path.join(CORPUS, 'k8s'), (name) => /\.ya?ml$/i.test(name)));
  return [...docker, ...k8s].map((file) => ({ name: path.relative(CORPUS, file), file, text: fs.readFileSync(file, 'utf8') }));
}

describe('fix safety', function () {
  this.timeout(600_000);
  before(async () => {
    await shellReady;
  });

  it('never damages a fixture, including the CRLF copy of each', () => {
    const covered: Covered = { files: 0, safe: 0, unsafe: 0, problems: [] };
    for (const input of fixtureInputs()) {
      checkInput(input, covered);
      checkInput({ ...input, name: `${input.name} (CRLF)`, text: input.text.replace(/\r?\n/g, '\r\n') }, covered);
    }
    console.log(`      fixtures: ${covered.files} files, ${covered.safe} safe fixes in bulk, ${covered.unsafe} unsafe fixes alone`);
    assert.ok(covered.files > 100 && covered.unsafe > 50, 'the fixtures were found and exercised');
    assert.deepEqual(covered.problems, []);
  });

  it('never damages the mutated inputs (flow style, quoting, heredocs, comments in continuations)', () => {
    const covered: Covered = { files: 0, safe: 0, unsafe: 0, problems: [] };
    for (const input of mutatedInputs()) checkInput(input, covered);
    console.log(`      mutated: ${covered.files} files, ${covered.safe} safe fixes in bulk, ${covered.unsafe} unsafe fixes alone`);
    assert.deepEqual(covered.problems, []);
  });

  it('never damages a sample of the corpus', function () {
    if (!fs.existsSync(CORPUS)) {
      console.log('      skipped: ../shared/corpus is not present');
      this.skip();
    }
    const covered: Covered = { files: 0, safe: 0, unsafe: 0, problems: [] };
    for (const input of corpusInputs()) checkInput(input, covered);
    console.log(`      corpus sample: ${covered.files} files, ${covered.safe} safe fixes in bulk, ${covered.unsafe} unsafe fixes alone`);
    assert.deepEqual(covered.problems, []);
  });
});
