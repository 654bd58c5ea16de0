/** How `--fix` writes files: atomically, keeping the mode, never through a symlink out of the tree. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isUtf8, writeFixed } from '../../server/src/cli/write';
import { tempWorkspace } from './helpers';

describe('writeFixed', () => {
  it('replaces the file by a rename and keeps its mode', function () {
    if (process.platform === 'win32') this.skip();
    const dir = tempWorkspace({ 'a.yaml': 'old\n' });
    const file = path.join(dir, 'a.yaml');
    fs.chmodSync(file, 0o600);
    const inode = fs.statSync(file).ino;
    assert.equal(writeFixed(file, 'old\n', 'new\n', [dir]), undefined);
    assert.equal(fs.readFileSync(file, 'utf8'), 'new\n');
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.notEqual(fs.statSync(file).ino, inode, 'a new file was renamed over the old one');
    assert.deepEqual(fs.readdirSync(dir), ['a.yaml']);
  });

  it('writes the target of a symlink inside the tree and keeps the link', function () {
    if (process.platform === 'win32') this.skip();
    const dir = tempWorkspace({ 'real/a.yaml': 'old\n' });
    const link = path.join(dir, 'a.yaml');
    fs.symlinkSync(path.join(dir, 'real/a.yaml'), link);
    assert.equal(writeFixed(link, 'old\n', 'new\n', [dir]), undefined);
    assert.ok(fs.lstatSync(link).isSymbolicLink());
    assert.equal(fs.readFileSync(path.join(dir, 'real/a.yaml'), 'utf8'), 'new\n');
  });

  it('refuses a symlink that leads out of the tree', function () {
    if (process.platform === 'win32') this.skip();
    const outside = tempWorkspace({ 'secret.yaml': 'old\n' });
    const dir = tempWorkspace({});
    const link = path.join(dir, 'a.yaml');
    fs.symlinkSync(path.join(outside, 'secret.yaml'), link);
    const problem = writeFixed(link, 'old\n', 'new\n', [dir]);
    assert.equal(problem?.error, true);
    assert.match(problem!.message, /symlink to .*secret\.yaml, outside the checked tree/);
    assert.equal(fs.readFileSync(path.join(outside, 'secret.yaml'), 'utf8'), 'old\n');
  });

  it('refuses a file that changed since it was read', () => {
    const dir = tempWorkspace({ 'a.yaml': 'changed\n' });
    const problem = writeFixed(path.join(dir, 'a.yaml'), 'old\n', 'new\n', [dir]);
    assert.match(problem!.message, /changed while it was being checked/);
    assert.equal(fs.readFileSync(path.join(dir, 'a.yaml'), 'utf8'), 'changed\n');
  });

  it('refuses a file that is not UTF-8, without calling it an I/O error', () => {
    const dir = tempWorkspace({});
    const file = path.join(dir, 'Dockerfile');
    fs.writeFileSync(file, Buffer.from([0x23, 0x20, 0xe9, 0x0a]));
    const problem = writeFixed(file, '# \ufffd\n', 'x\n', [dir]);
    assert.deepEqual(problem, { message: 'it is not valid UTF-8; Shipshape reports on such files but never rewrites them', error: false });
    assert.deepEqual([...fs.readFileSync(file)], [0x23, 0x20, 0xe9, 0x0a]);
  });

  it('tells UTF-8 from other bytes', () => {
    assert.equal(isUtf8(Buffer.from('café ✓', 'utf8')), true);
    assert.equal(isUtf8(Buffer.from([0x63, 0x61, 0x66, 0xe9])), false);
  });
});
