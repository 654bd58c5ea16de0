import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';

const ID = 'compose/schema-type';
const lintCompose = (text: string) => lintString(text, { filename: 'compose.yaml', only: ID });

describe(ID, () => {
  it('flags a mapping where a list belongs, on the value', () => {
    const found = lintCompose('services:\n  web:\n    image: a:1\n    ports:\n      http: "80:80"\n');
    assert.deepEqual(summary(found), [{ ruleId: ID, range: [4, 6, 4, 19] }]);
    assert.equal(found[0]!.message, '"ports" must be a list, not a mapping.');
  });
  it('flags a list where a string belongs, and a string where a mapping belongs', () => {
    assert.deepEqual(summary(lintCompose('services:\n  web:\n    image: [a]\n')), [{ ruleId: ID, range: [2, 11, 2, 14] }]);
    assert.deepEqual(summary(lintCompose('services:\n  web:\n    image: a:1\n    healthcheck: curl\n')), [
      { ruleId: ID, range: [3, 17, 3, 21] },
    ]);
  });
  it('accepts every documented form of keys with several', () => {
    const text =
      'services:\n  web:\n    image: a:1\n    build: .\n    command: npm start\n    environment: [A=b]\n  api:\n    image: a:1\n    build:\n      context: .\n    command: ["npm", "start"]\n    environment:\n      A: b\n    user: 1000\n';
    assert.deepEqual(lintCompose(text), []);
  });
});
