import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readTextFile, readTextFileSync } from '../../server/src/engine/files';
import { tempWorkspace } from './helpers';

const outcome = (r: ReturnType<typeof readTextFileSync>) => (r.ok ? ['ok', r.text] : [r.reason, r.detail]);

describe('reading workspace files', () => {
  it('reads a regular file, through a link too', async () => {
    const dir = tempWorkspace({ 'a.yaml': 'a: 1\n' });
    fs.symlinkSync(path.join(dir, 'a.yaml'), path.join(dir, 'b.yaml'));
    assert.deepEqual(outcome(readTextFileSync(path.join(dir, 'a.yaml'))), ['ok', 'a: 1\n']);
    assert.deepEqual(outcome(readTextFileSync(path.join(dir, 'b.yaml'))), ['ok', 'a: 1\n']);
    assert.deepEqual(outcome(await readTextFile(path.join(dir, 'b.yaml'))), ['ok', 'a: 1\n']);
  });

  it('refuses a file over the cap before reading it', async () => {
    const dir = tempWorkspace({ 'big.yaml': 'x'.repeat(3 * 1024 * 1024) });
    const expected = ['too-large', 'is 3.0 MB, over the 2.0 MB limit'];
    assert.deepEqual(outcome(readTextFileSync(path.join(dir, 'big.yaml'), 2 * 1024 * 1024)), expected);
    assert.deepEqual(outcome(await readTextFile(path.join(dir, 'big.yaml'), 2 * 1024 * 1024)), expected);
  });

  it('refuses a folder, and says when a file does not exist', async () => {
    const dir = tempWorkspace({ 'sub/a.yaml': '' });
    assert.deepEqual(outcome(readTextFileSync(path.join(dir, 'sub'))), ['not-regular', 'is not a regular file']);
    assert.deepEqual(outcome(await readTextFile(path.join(dir, 'missing.yaml'))), ['missing', 'does not exist']);
  });

  it('refuses a link to /dev/zero and a FIFO without blocking', async function () {
    if (process.platform !== 'linux') this.skip();
    const dir = tempWorkspace({});
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.yaml'));
    const fifo = path.join(dir, 'fifo.yaml');
    if (spawnSync('mkfifo', [fifo]).status !== 0) this.skip();
    for (const f of [path.join(dir, 'zero.yaml'), fifo]) {
      assert.deepEqual(outcome(readTextFileSync(f)), ['not-regular', 'is not a regular file'], f);
      assert.deepEqual(outcome(await readTextFile(f)), ['not-regular', 'is not a regular file'], f);
    }
  });
});
