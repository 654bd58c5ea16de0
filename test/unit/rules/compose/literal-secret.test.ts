import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';

const ID = 'compose/literal-secret';
const lintCompose = (text: string) => lintString(text, { filename: 'compose.yaml', only: ID });

describe(ID, () => {
  it('flags a credential in the map form on its name, without showing the value', () => {
    const found = lintCompose('services:\n  db:\n    image: postgres:16.4\n    environment:\n      POSTGRES_PASSWORD: hunter2hunter\n');
    assert.deepEqual(summary(found), [{ ruleId: ID, range: [4, 6, 4, 23] }]);
    assert.ok(!found[0]!.message.includes('hunter2'));
  });
  it('flags a credential in the list form, quoted or not', () => {
    const found = lintCompose(
      'services:\n  api:\n    image: a:1\n    environment:\n      - API_TOKEN=abcdef123\n      - "SECRET_KEY=zzz999"\n',
    );
    assert.deepEqual(summary(found), [
      { ruleId: ID, range: [4, 8, 4, 17] },
      { ruleId: ID, range: [5, 9, 5, 19] },
    ]);
  });
  it('flags a password embedded in a URL or a connection string, without showing it', () => {
    const found = lintCompose(
      'services:\n  api:\n    image: a:1\n    environment:\n      DATABASE_URL: postgres://app:pw1234@db:5432/app\n',
    );
    assert.deepEqual(summary(found), [{ ruleId: ID, range: [4, 6, 4, 18] }]);
    assert.ok(!found[0]!.message.includes('pw1234'));
    assert.deepEqual(
      lintCompose('services:\n  api:\n    image: a:1\n    environment:\n      DATABASE_URL: postgres://app:${DB_PASSWORD}@db/app\n'),
      [],
    );
  });
  it('does not flag interpolation, shell pass-through, empty values, file paths or harmless names', () => {
    const text =
      'services:\n  api:\n    image: a:1\n    environment:\n      - DB_PASSWORD=${DB_PASSWORD}\n      - API_TOKEN\n      - EMPTY_SECRET=\n      - POSTGRES_PASSWORD_FILE=/run/secrets/db\n      - LOG_LEVEL=debug\n';
    assert.deepEqual(lintCompose(text), []);
  });
});
