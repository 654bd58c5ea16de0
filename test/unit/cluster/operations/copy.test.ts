import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ProblemError } from '../../../../client/src/cluster/errors';
import { copyFromContainer, copyToContainer } from '../../../../client/src/cluster/operations/copy';
import {
  END_OF_ARCHIVE,
  TarReader,
  entryHeader,
  entryPadding,
  safeMemberPath,
  type TarEntry,
} from '../../../../client/src/cluster/operations/tar';
import { pod, tempDir, useCluster } from '../env';

const haveTar = spawnSync('tar', ['--version'], { stdio: 'ignore' }).status === 0;

/** Reads an archive, delivering it `chunk` bytes at a time. */
function readAll(archive: Buffer, chunk = 7): { entries: TarEntry[]; data: Map<string, string> } {
  const entries: TarEntry[] = [];
  const data = new Map<string, string>();
  const reader = new TarReader((e) => {
    entries.push(e);
    if (e.type !== 'file') return undefined;
    const parts: Buffer[] = [];
    return { write: (d) => parts.push(d), end: () => data.set(e.name, Buffer.concat(parts).toString()) };
  });
  for (let i = 0; i < archive.length; i += chunk) reader.push(archive.subarray(i, i + chunk));
  reader.end();
  assert.equal(reader.finished, true);
  return { entries, data };
}

function file(name: string, text: string): Buffer {
  const b = Buffer.from(text);
  return Buffer.concat([entryHeader({ name, type: 'file', size: b.length, mtime: 0 }), b, entryPadding(b.length)]);
}

describe('cluster/operations/tar', () => {
  it('writes what it reads, in any chunking, with a PAX path for long names', () => {
    const long = `${'deep/'.repeat(30)}file.txt`;
    const archive = Buffer.concat([
      entryHeader({ name: 'dir', type: 'directory', mtime: 0 }),
      file('dir/a.txt', 'hello\n'),
      file(long, 'x'.repeat(600)),
      END_OF_ARCHIVE,
    ]);
    for (const chunk of [1, 7, 512, 100_000]) {
      const { entries, data } = readAll(archive, chunk);
      assert.deepEqual(
        entries.map((e) => [e.name, e.type, e.size]),
        [
          ['dir/', 'directory', 0],
          ['dir/a.txt', 'file', 6],
          [long, 'file', 600],
        ],
      );
      assert.equal(data.get('dir/a.txt'), 'hello\n');
      assert.equal(data.get(long), 'x'.repeat(600));
    }
  });

  it('reads what GNU tar writes (long names, links, modes)', function () {
    if (!haveTar) this.skip();
    const dir = tempDir();
    try {
      const long = `${'n'.repeat(120)}.txt`;
      fs.writeFileSync(path.join(dir, long), 'long');
      fs.writeFileSync(path.join(dir, 'run.sh'), '#!/bin/sh\n', { mode: 0o755 });
      fs.symlinkSync('/etc/passwd', path.join(dir, 'link'));
      const out = spawnSync('tar', ['cf', '-', '-C', dir, long, 'link', 'run.sh']);
      const { entries, data } = readAll(out.stdout, 333);
      assert.deepEqual(
        entries.map((e) => [e.name, e.type, e.linkname]),
        [
          [long, 'file', undefined],
          ['link', 'symlink', '/etc/passwd'],
          ['run.sh', 'file', undefined],
        ],
      );
      assert.equal(data.get(long), 'long');
      assert.equal(entries[2]!.mode & 0o777, 0o755);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses corrupt headers and archives cut mid-member', () => {
    const bad = file('a', 'abc');
    bad[0] = 'b'.charCodeAt(0);
    assert.throws(() => new TarReader(() => undefined).push(bad), /header checksum does not match/);
    const cut = new TarReader(() => undefined);
    cut.push(file('a', 'x'.repeat(1000)).subarray(0, 700));
    assert.throws(() => cut.end(), /ends in the middle of a member/);
  });

  it('keeps member paths inside the requested path', () => {
    assert.deepEqual(safeMemberPath('var/log/a.txt', 'var/log'), ['a.txt']);
    assert.deepEqual(safeMemberPath('var/log', 'var/log'), []);
    assert.equal(safeMemberPath('var/logs/a.txt', 'var/log'), undefined);
    assert.equal(safeMemberPath('var/log/../../etc/passwd', 'var/log'), undefined);
    assert.equal(safeMemberPath('/etc/passwd', ''), undefined);
  });
});

describe('cluster/operations/copy', function () {
  before(function () {
    if (!haveTar) this.skip();
  });
  const cluster = useCluster();
  let local: string;
  beforeEach(() => {
    cluster.server.put(pod('web', { containers: ['app'] }));
    cluster.server.execHandler = cluster.server.debug.tarExec();
    local = tempDir();
    cluster.defer(() => fs.rmSync(local, { recursive: true, force: true }));
  });
  const target = { namespace: 'default', pod: 'web', container: 'app' };

  it('copies a file up and back down through tar over exec (stdin closed with the v5 channel)', async () => {
    const bytes = Buffer.from(Array.from({ length: 200_000 }, (_, i) => i % 251));
    fs.writeFileSync(path.join(local, 'blob.bin'), bytes);
    const up = await copyToContainer(cluster.api, target, path.join(local, 'blob.bin'), '/tmp/remote.bin');
    assert.deepEqual(up, { files: 1, bytes: 200_000, skipped: [] });
    const root = cluster.server.debug.containerRoot('default', 'web', 'app');
    assert.ok(fs.readFileSync(path.join(root, 'tmp/remote.bin')).equals(bytes));
    const exec = cluster.server.requests.find((r) => r.path.endsWith('/exec'))!;
    assert.deepEqual(exec.query.getAll('command'), ['tar', 'xmf', '-', '-C', '/tmp']);
    const down = await copyFromContainer(cluster.api, target, '/tmp/remote.bin', path.join(local, 'back.bin'));
    assert.deepEqual(down, { files: 1, bytes: 200_000, skipped: [] });
    assert.ok(fs.readFileSync(path.join(local, 'back.bin')).equals(bytes));
  });

  it('copies a directory down, skipping links and never writing outside the destination', async () => {
    const root = cluster.server.debug.containerRoot('default', 'web', 'app');
    fs.mkdirSync(path.join(root, 'var/log/app'), { recursive: true });
    fs.writeFileSync(path.join(root, 'var/log/app/a.log'), 'A');
    fs.writeFileSync(path.join(root, 'var/log/b.log'), 'B');
    fs.symlinkSync('/etc/passwd', path.join(root, 'var/log/evil'));
    const dest = path.join(local, 'logs');
    const r = await copyFromContainer(cluster.api, target, '/var/log', dest);
    assert.deepEqual(r, { files: 2, bytes: 2, skipped: ['var/log/evil: symlink to /etc/passwd not copied'] });
    assert.equal(fs.readFileSync(path.join(dest, 'app/a.log'), 'utf8'), 'A');
    assert.equal(fs.readFileSync(path.join(dest, 'b.log'), 'utf8'), 'B');
    assert.equal(fs.existsSync(path.join(dest, 'evil')), false);
  });

  it('skips members a hostile container names outside the requested path', async () => {
    cluster.server.execHandler = (ctx) => {
      ctx.stdout(
        Buffer.concat([file('data/ok.txt', 'fine'), file('data/../../escape.txt', 'bad'), file('other/x.txt', 'bad'), END_OF_ARCHIVE]),
      );
      ctx.exit(0);
    };
    const dest = path.join(local, 'out');
    const r = await copyFromContainer(cluster.api, target, '/data', dest);
    assert.deepEqual(r.skipped, ['data/../../escape.txt: outside /data', 'other/x.txt: outside /data']);
    assert.equal(fs.readFileSync(path.join(dest, 'ok.txt'), 'utf8'), 'fine');
    assert.equal(fs.existsSync(path.join(local, 'escape.txt')), false);
  });

  it('copies a directory up', async () => {
    fs.mkdirSync(path.join(local, 'conf/sub'), { recursive: true });
    fs.writeFileSync(path.join(local, 'conf/a.yaml'), 'a: 1\n');
    fs.writeFileSync(path.join(local, 'conf/sub/b.yaml'), 'b: 2\n');
    const r = await copyToContainer(cluster.api, target, path.join(local, 'conf'), '/etc/app');
    assert.deepEqual(r, { files: 2, bytes: 10, skipped: [] });
    const root = cluster.server.debug.containerRoot('default', 'web', 'app');
    assert.equal(fs.readFileSync(path.join(root, 'etc/app/sub/b.yaml'), 'utf8'), 'b: 2\n');
  });

  it("reports the container tar's error for a missing path, and a missing tar clearly", async () => {
    await assert.rejects(
      copyFromContainer(cluster.api, target, '/nope', path.join(local, 'x')),
      (e: unknown) =>
        e instanceof ProblemError &&
        /^Copying \/nope from web\/app failed: tar: nope: Cannot stat: No such file or directory/.test(e.problem.message),
    );
    cluster.server.execHandler = (ctx) =>
      ctx.fail(
        'OCI runtime exec failed: exec failed: unable to start container process: exec: "tar": executable file not found in $PATH: unknown',
      );
    await assert.rejects(
      copyFromContainer(cluster.api, target, '/etc/hosts', path.join(local, 'x')),
      (e: unknown) => e instanceof ProblemError && e.problem.kind === 'not-found' && /needs tar in the container/.test(e.problem.hint),
    );
  });
});
