import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';

const ID = 'compose/image-tag';
const lintCompose = (text: string) => lintString(text, { filename: 'compose.yaml', only: ID });
const svc = (image: string, extra = '') => `services:\n  db:\n    image: ${image}\n${extra}`;

describe(ID, () => {
  it('flags an untagged image on its value', () => {
    assert.deepEqual(summary(lintCompose(svc('postgres'))), [{ ruleId: ID, range: [2, 11, 2, 19] }]);
  });
  it('flags :latest, with a registry port too', () => {
    assert.deepEqual(summary(lintCompose(svc('redis:latest'))), [{ ruleId: ID, range: [2, 11, 2, 23] }]);
    assert.deepEqual(summary(lintCompose(svc('registry.local:5000/team/app'))), [{ ruleId: ID, range: [2, 11, 2, 39] }]);
  });
  it('does not flag a tag, a digest, an interpolated reference or an image the service builds', () => {
    for (const image of ['postgres:16.4', 'redis@sha256:0123', '${IMAGE}', 'registry.local:5000/team/app:2.1'])
      assert.deepEqual(lintCompose(svc(image)), [], image);
    assert.deepEqual(lintCompose(svc('example/app', '    build: .\n')), []);
  });
});
