import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';

const ID = 'compose/restart-missing';
const lintCompose = (text: string) => lintString(text, { filename: 'compose.yaml', only: ID });

describe(ID, () => {
  it('flags a service with ports, expose or a healthcheck on its name', () => {
    assert.deepEqual(summary(lintCompose('services:\n  web:\n    image: a:1\n    ports: ["8080:80"]\n')), [
      { ruleId: ID, range: [1, 2, 1, 5] },
    ]);
    assert.deepEqual(summary(lintCompose('services:\n  api:\n    image: a:1\n    expose: ["3000"]\n')), [
      { ruleId: ID, range: [1, 2, 1, 5] },
    ]);
    assert.deepEqual(summary(lintCompose('services:\n  db:\n    image: a:1\n    healthcheck:\n      test: ["CMD", "true"]\n')), [
      { ruleId: ID, range: [1, 2, 1, 4] },
    ]);
  });
  it('does not flag restart, deploy.restart_policy, one-shot jobs or services that serve nothing', () => {
    assert.deepEqual(lintCompose('services:\n  web:\n    image: a:1\n    ports: ["8080:80"]\n    restart: always\n'), []);
    assert.deepEqual(
      lintCompose(
        'services:\n  web:\n    image: a:1\n    ports: ["8080:80"]\n    deploy:\n      restart_policy:\n        condition: on-failure\n',
      ),
      [],
    );
    const oneShot =
      'services:\n  migrate:\n    image: a:1\n    expose: ["1"]\n  app:\n    image: b:1\n    restart: always\n    depends_on:\n      migrate:\n        condition: service_completed_successfully\n';
    assert.deepEqual(lintCompose(oneShot), []);
    assert.deepEqual(lintCompose('services:\n  tool:\n    image: a:1\n'), []);
    assert.deepEqual(lintCompose('services:\n  web:\n    ports: ["8080:80"]\n'), [], 'a partial service of an override file');
  });
});
