import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const ID = 'k8s/plaintext-secret-config';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [
      { ruleId: ID, range: [6, 13, 6, 25] },
      { ruleId: ID, range: [7, 2, 7, 6] },
      { ruleId: ID, range: [18, 13, 18, 56] },
    ]);
  });
  it('does not flag the hardened fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('does not flag ordinary configuration or Dapr secretKeyRefs', () => {
    const text =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  token_ttl: "3600"\n  password_policy: strict\n  url: https://example.com/a\n';
    assert.deepEqual(lintString(text, { only: ID }), []);
  });
});
