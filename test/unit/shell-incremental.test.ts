/**
 * A script that differs from a recent one in some of its top-level statements has only those
 * parsed again. Whatever the edit, the result must be what a parse from scratch gives.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dockerModel } from '../../server/src/dockerfile/model';
import { parseShell, parseShellWhole, shellReady, type ShellScript } from '../../server/src/dockerfile/shell';
import { parseDockerfile } from '../../server/src/parse/dockerfile';
import { seeded } from '../fuzz/mutate';
import { CORPUS, dockerfilesUnder, seededEdit } from './helpers';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures');

/** Shell syntax that changes how the text after it reads, and plain text that does not. */
const FRAGMENTS = [
  'x',
  ' ',
  '-y ',
  '"',
  "'",
  '\\',
  '#',
  ' # c',
  '&',
  ' && z',
  '|',
  '||',
  ';',
  ';;',
  '(',
  ')',
  '{ ',
  ' }',
  '$(',
  '${',
  '`',
  '<<EOF',
  '<<<',
  '\n',
  'if ',
  'then ',
  ' fi',
  'case ',
  ' in ',
  ' esac',
  'do ',
  ' done',
  '!',
  '>',
  '2>&1',
  '=',
  '*',
  'é',
];

function parse(text: string): ShellScript {
  const script = parseShell(text);
  assert.ok(script, 'the shell parser is ready');
  return script;
}

describe('Shell re-parse of the changed statements', () => {
  before(async () => {
    await shellReady;
  });

  const chainText = 'apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*; echo "$(date)" | tee /log';

  it('keeps the statements before the edit and shifts the ones after it', () => {
    const first = parse(chainText);
    const text = chainText.replace('curl', 'curl wget');
    const next = parse(text);
    assert.deepEqual(next, parseShellWhole(text));
    assert.equal(next.commands[0], first.commands[0]);
    assert.deepEqual(
      next.commands[1]!.args.map((a) => a.raw),
      ['install', '-y', 'curl', 'wget'],
    );
    assert.deepEqual(
      next.commands.slice(2).map((c) => [c.name.raw, c.start, c.args[0]?.start]),
      first.commands.slice(2).map((c) => [c.name.raw, c.start + 5, c.args[0] ? c.args[0].start + 5 : undefined]),
    );
    assert.deepEqual(next.pipelines[0]!.operators, [
      { start: first.pipelines[0]!.operators[0]!.start + 5, end: first.pipelines[0]!.operators[0]!.end + 5 },
    ]);
  });

  it('parses the whole script when the edit changes how its neighbours read', () => {
    const edits = [
      // An open quote, substitution or compound runs on into the next statement.
      chainText.replace('curl', 'curl "'),
      chainText.replace('curl', 'curl $('),
      chainText.replace('install', 'if install'),
      // A comment runs to the end of the line; an escape joins the next character.
      chainText.replace('curl', 'curl #'),
      chainText.replace('curl', 'curl\\'),
      // tree-sitter-bash gives a redirection the list before it, and a pipeline of three stages that
      // opens a list the list after it.
      chainText.replace('curl', 'curl 2>&1 | tee /log && ls'),
      chainText.replace('apt-get install -y curl', 'ls; curl | tee /log | cat'),
      // A trailing operator meets the next one; a here-document reads the lines after it.
      chainText.replace('curl', 'curl &'),
      chainText.replace('curl', 'curl;'),
      chainText.replace('curl', 'curl <<EOF'),
      // The edit reaches an operator between statements.
      chainText.replace('curl &&', 'curl &'),
      chainText.replace('update && apt', 'update apt'),
    ];
    for (const text of edits) {
      parse(chainText);
      assert.deepEqual(parse(text), parseShellWhole(text), JSON.stringify(text));
    }
    parse(chainText);
    assert.equal(parse(chainText.replace('curl', 'curl "')).hasError, true);
    // An escaped line break after the last statement continues whatever word ends it.
    const trailing = 'for f in a b; do echo $f; done\\\n';
    parse(trailing);
    const edited = trailing.replace('for', 'fo&r');
    assert.deepEqual(parse(edited), parseShellWhole(edited));
    assert.equal(parse(edited).hasError, true);
    // What follows a statement decides how its last word reads: ``x`ij`&&`` is two words, ``x`ij` `` one.
    const glued = 'z && g x`i`&& y';
    const first = parse(glued);
    const changed = glued.replace('i', 'ij');
    const next = parse(changed);
    assert.deepEqual(next, parseShellWhole(changed));
    assert.equal(next.commands[0], first.commands[0]);
    assert.deepEqual(
      next.commands[1]!.args.map((a) => a.raw),
      ['x', '`ij`'],
    );
  });

  it('parses again the run of statements between the first change and the last', () => {
    const first = parse(chainText);
    const text = chainText.replace('curl && rm', 'curl; rm');
    const next = parse(text);
    assert.deepEqual(next, parseShellWhole(text));
    assert.equal(next.commands[0], first.commands[0]);
    assert.notEqual(next.commands[1], first.commands[1]);
    assert.deepEqual(
      next.commands.slice(3).map((c) => [c.name.raw, c.start]),
      first.commands.slice(3).map((c) => [c.name.raw, c.start - 2]),
    );
  });

  it('splits a statement that the edit turns into two', () => {
    parse(chainText);
    const text = chainText.replace('install -y curl', 'install -y curl; ls');
    const next = parse(text);
    assert.deepEqual(next, parseShellWhole(text));
    assert.deepEqual(
      next.commands.map((c) => c.name.raw),
      ['apt-get', 'apt-get', 'ls', 'rm', 'echo', 'date', 'tee'],
    );
  });

  it('matches a parse from scratch over seeded edits of every RUN in the fixtures and the corpus', function () {
    const fixtures = dockerfilesUnder(FIXTURES);
    const files = [...fixtures, ...(fs.existsSync(CORPUS) ? dockerfilesUnder(path.join(CORPUS, 'docker')) : [])];
    if (!fs.existsSync(CORPUS)) console.log(`  (corpus absent at ${CORPUS}: fixtures only)`);
    // The share of edits that keep statements is asserted on the fixtures alone (they come first and
    // get the same seeds either way), so the bar is the same with or without the corpus.
    const count = { edits: 0, reused: 0, fixtureEdits: 0, fixtureReused: 0 };
    for (const [n, file] of files.entries()) {
      const model = dockerModel(parseDockerfile(fs.readFileSync(file, 'utf8')));
      for (const segment of model.runs.flatMap((r) => r.segments)) {
        if (segment.script.commands.length < 2) continue;
        const random = seeded(n * 7919 + segment.text.length);
        let text = segment.text;
        for (let step = 0; step < 12; step++) {
          // Mostly one keystroke in the script as written; every third edit goes on from the last one.
          const base = step % 3 === 2 ? text : segment.text;
          const kept = new Set(parse(base).commands);
          text = seededEdit(base, random, FRAGMENTS);
          const script = parse(text);
          assert.deepEqual(script, parseShellWhole(text), `${path.relative(CORPUS, file)}, edit ${step}: ${JSON.stringify(text)}`);
          const reused = script.commands.some((c) => kept.has(c)) ? 1 : 0;
          count.edits++;
          count.reused += reused;
          if (n < fixtures.length) {
            count.fixtureEdits++;
            count.fixtureReused += reused;
          }
        }
      }
    }
    console.log(`  ${count.edits} edited scripts, ${count.reused} with statements kept from the script before`);
    assert.ok(count.fixtureEdits > 100, `${count.fixtureEdits} edits of the fixtures`);
    // 82 of the fixtures' 312 edits keep statements today; none would if the re-parse never cut a script.
    assert.ok(
      count.fixtureReused > count.fixtureEdits / 5,
      `${count.fixtureReused} of ${count.fixtureEdits} edits of the fixtures kept statements`,
    );
  });
});
