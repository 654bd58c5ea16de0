import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';

const ID = 'compose/depends-on-healthy';
const lintCompose = (text: string) => lintString(text, { filename: 'compose.yaml', only: ID });
const DB = '  db:\n    image: postgres:16.4\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n';

describe(ID, () => {
  it('flags the short form on the dependency name', () => {
    assert.deepEqual(summary(lintCompose(`services:\n  app:\n    image: a:1\n    depends_on:\n      - db\n${DB}`)), [
      { ruleId: ID, range: [4, 8, 4, 10] },
    ]);
  });
  it('flags condition: service_started on the condition', () => {
    const text = `services:\n  app:\n    image: a:1\n    depends_on:\n      db:\n        condition: service_started\n${DB}`;
    assert.deepEqual(summary(lintCompose(text)), [{ ruleId: ID, range: [5, 19, 5, 34] }]);
  });
  it('does not flag service_healthy, a completed one-shot, or a dependency without (or with a disabled) healthcheck', () => {
    assert.deepEqual(
      lintCompose(`services:\n  app:\n    image: a:1\n    depends_on:\n      db:\n        condition: service_healthy\n${DB}`),
      [],
    );
    assert.deepEqual(
      lintCompose(
        `services:\n  app:\n    image: a:1\n    depends_on:\n      db:\n        condition: service_completed_successfully\n${DB}`,
      ),
      [],
    );
    assert.deepEqual(lintCompose('services:\n  app:\n    image: a:1\n    depends_on: [db]\n  db:\n    image: postgres:16.4\n'), []);
    assert.deepEqual(
      lintCompose(
        'services:\n  app:\n    image: a:1\n    depends_on: [db]\n  db:\n    image: postgres:16.4\n    healthcheck:\n      disable: true\n',
      ),
      [],
    );
  });
});
