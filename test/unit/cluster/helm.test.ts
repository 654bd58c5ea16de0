import * as assert from 'node:assert/strict';
import type { KubeObject } from '../../../client/src/cluster/api';
import { decodeHelmRelease, latestReleases } from '../../../client/src/cluster/helm';
import { helmSecret } from './env';

describe('cluster/helm', () => {
  it('decodes a release Secret (base64 + gzip JSON)', () => {
    assert.deepEqual(decodeHelmRelease(helmSecret('web', 3, 'deployed')), {
      name: 'web',
      namespace: 'default',
      revision: 3,
      status: 'deployed',
      chart: 'nginx',
      chartVersion: '1.2.3',
      appVersion: '1.27.0',
      updated: '2026-11-20T10:00:00Z',
      description: 'Upgrade complete',
    });
  });

  it('keeps the latest revision per release and ignores other Secrets', () => {
    const other: KubeObject = { kind: 'Secret', type: 'Opaque', metadata: { name: 'x' }, data: { a: 'YQ==' } };
    const broken: KubeObject = {
      kind: 'Secret',
      type: 'helm.sh/release.v1',
      metadata: { name: 'sh.helm.release.v1.bad.v1' },
      data: { release: 'not-base64-gzip!!' },
    };
    const rs = latestReleases([
      helmSecret('web', 1, 'superseded', '1.0.0'),
      helmSecret('web', 2, 'deployed', '1.1.0'),
      helmSecret('api', 1, 'failed'),
      other,
      broken,
    ]);
    assert.deepEqual(
      rs.map((r) => [r.name, r.revision, r.status, r.chartVersion]),
      [
        ['api', 1, 'failed', '1.2.3'],
        ['web', 2, 'deployed', '1.1.0'],
      ],
    );
  });

  it('decodes uncompressed release JSON too', () => {
    const s = helmSecret('x', 1, 'deployed');
    s.data = {
      release: Buffer.from(
        Buffer.from(JSON.stringify({ name: 'x', version: 1, info: { status: 'deployed' } })).toString('base64'),
      ).toString('base64'),
    };
    assert.equal(decodeHelmRelease(s)?.status, 'deployed');
  });
});
