/** `shipshape check --fix`: what it applies, what it leaves, and how it writes. */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempWorkspace } from '../unit/helpers';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');

function run(args: string[], cwd: string) {
  const res = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

const read = (dir: string, rel: string) => fs.readFileSync(path.join(dir, rel), 'utf8');

describe('shipshape check --fix', () => {
  const DOCKERFILE = 'FROM alpine:3.20\nMAINTAINER Jane\nADD app.py /app/\nCMD ["python", "/app/app.py"]\n';

  it('applies safe fixes only, and says which findings need --unsafe-fixes', () => {
    const dir = tempWorkspace({ Dockerfile: DOCKERFILE });
    const res = run(['check', '--fix'], dir);
    assert.equal(read(dir, 'Dockerfile'), 'FROM alpine:3.20\nLABEL maintainer="Jane"\nADD app.py /app/\nCMD ["python", "/app/app.py"]\n');
    assert.ok(
      res.out
        .split('\n')
        .includes(
          'Dockerfile:3:1: warning Use COPY instead of ADD for local files. [dockerfile/add-instead-of-copy] (fixable with --unsafe-fixes)',
        ),
      res.out,
    );
  });

  it('applies unsafe fixes too with --unsafe-fixes', () => {
    const dir = tempWorkspace({ Dockerfile: DOCKERFILE });
    run(['check', '--fix', '--unsafe-fixes'], dir);
    const text = read(dir, 'Dockerfile');
    assert.match(text, /^LABEL maintainer="Jane"$/m);
    assert.match(text, /^COPY app\.py \/app\/$/m);
    assert.match(text, /^USER 10001\nCMD \["python", "\/app\/app.py"\]$/m);
  });

  it('rejects --unsafe-fixes without --fix', () => {
    const dir = tempWorkspace({ Dockerfile: DOCKERFILE });
    const res = run(['check', '--unsafe-fixes'], dir);
    assert.equal(res.code, 2);
    assert.match(res.err, /--unsafe-fixes needs --fix/);
    assert.equal(read(dir, 'Dockerfile'), DOCKERFILE);
  });

  it('fixes nothing below the severity threshold', () => {
    const dir = tempWorkspace({ Dockerfile: DOCKERFILE });
    run(['check', '--fix', '--unsafe-fixes', '--severity-threshold', 'error'], dir);
    assert.equal(read(dir, 'Dockerfile'), DOCKERFILE);
  });

  it('fixes nothing that is suppressed or turned off', () => {
    const suppressed = 'FROM alpine:3.20\n# shipshape-ignore dockerfile/maintainer-deprecated kept for old tooling\nMAINTAINER Jane\n';
    const dir = tempWorkspace({ Dockerfile: suppressed, 'b/Dockerfile': 'FROM alpine:3.20\nMAINTAINER Jane\n' });
    fs.writeFileSync(path.join(dir, 'b/.shipshape.yaml'), 'rules:\n  dockerfile/maintainer-deprecated: "off"\n');
    run(['check', '--fix'], dir);
    assert.equal(read(dir, 'Dockerfile'), suppressed);
    assert.equal(read(dir, 'b/Dockerfile'), 'FROM alpine:3.20\nMAINTAINER Jane\n');
  });

  it('keeps CRLF line endings, also in the lines a fix inserts', () => {
    const crlf = DOCKERFILE.replace(/\n/g, '\r\n');
    const dir = tempWorkspace({ Dockerfile: crlf });
    run(['check', '--fix', '--unsafe-fixes'], dir);
    const text = read(dir, 'Dockerfile');
    assert.match(text, /USER 10001\r\n/);
    assert.equal(text.replace(/\r\n/g, ''), text.replace(/\r\n/g, '').replace(/\n/g, ''), 'no bare LF');
  });

  it('keeps the file mode and leaves no temporary file', function () {
    if (process.platform === 'win32') this.skip();
    const dir = tempWorkspace({ Dockerfile: DOCKERFILE });
    fs.chmodSync(path.join(dir, 'Dockerfile'), 0o640);
    run(['check', '--fix'], dir);
    assert.equal(fs.statSync(path.join(dir, 'Dockerfile')).mode & 0o777, 0o640);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['Dockerfile']);
  });

  it('reports a file that is not UTF-8 and never rewrites it', () => {
    const dir = tempWorkspace({});
    const bytes = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\nFROM alpine:3.20\nMAINTAINER Jane\n')]);
    fs.writeFileSync(path.join(dir, 'Dockerfile'), bytes);
    const res = run(['check', '--fix'], dir);
    assert.deepEqual(fs.readFileSync(path.join(dir, 'Dockerfile')), bytes);
    assert.match(res.err, /did not fix Dockerfile: it is not valid UTF-8/);
    assert.match(res.out, /\[dockerfile\/maintainer-deprecated\] \(fixable\)/);
  });
});

describe('shipshape rules --format json', () => {
  it('gives each rule its fix applicability', () => {
    const res = run(['rules', '--format', 'json'], process.cwd());
    const rules = JSON.parse(res.out) as { id: string; fix: string | null; fixable: boolean }[];
    const by = (id: string) => rules.find((r) => r.id === id)!;
    assert.deepEqual([by('dockerfile/maintainer-deprecated').fix, by('dockerfile/maintainer-deprecated').fixable], ['safe', true]);
    assert.deepEqual([by('dockerfile/add-instead-of-copy').fix, by('dockerfile/add-instead-of-copy').fixable], ['unsafe', true]);
    assert.deepEqual([by('k8s/image-latest-tag').fix, by('k8s/image-latest-tag').fixable], [null, false]);
  });
});
