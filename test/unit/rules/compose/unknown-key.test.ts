import { strict as assert } from 'node:assert';
import { applyFirstFix, lintString, summary } from '../../helpers';

const ID = 'compose/unknown-key';
const lintCompose = (text: string) => lintString(text, { filename: 'compose.yaml', only: ID });

describe(ID, () => {
  it('flags an unknown service key with a suggestion, and renames it', () => {
    const text = 'services:\n  web:\n    image: a:1\n    enviroment:\n      A: b\n';
    const found = lintCompose(text);
    assert.deepEqual(summary(found), [{ ruleId: ID, range: [3, 4, 3, 14] }]);
    assert.match(found[0]!.message, /did you mean "environment"/);
    const fixed = applyFirstFix(text, ID, { filename: 'compose.yaml' });
    assert.equal(fixed, 'services:\n  web:\n    image: a:1\n    environment:\n      A: b\n');
    assert.deepEqual(lintCompose(fixed), []);
  });
  it('flags unknown keys at the top level and in build, deploy and healthcheck', () => {
    const text =
      'servics:\n  a: {}\nservices:\n  web:\n    build:\n      contxt: .\n    deploy:\n      replica: 2\n    healthcheck:\n      intervl: 5s\n';
    assert.deepEqual(
      lintCompose(text).map((f) => f.message),
      [
        'Unknown key "servics" in Compose file; did you mean "services"?',
        'Unknown key "contxt" in build; did you mean "context"?',
        'Unknown key "replica" in deploy; did you mean "replicas"?',
        'Unknown key "intervl" in healthcheck; did you mean "interval"?',
      ],
    );
  });
  it('offers no fix without a close key', () => {
    const text = 'services:\n  web:\n    image: a:1\n    flux_capacitor: on\n';
    assert.equal(lintCompose(text).length, 1);
    assert.throws(() => applyFirstFix(text, ID, { filename: 'compose.yaml' }), /offered no fix/);
  });
  it('does not flag x- extensions, merge keys, or open mappings', () => {
    const text =
      'x-base: &b\n  restart: always\nservices:\n  web:\n    <<: *b\n    image: a:1\n    x-note: hi\n    labels:\n      anything: goes\nvolumes:\n  data:\n    driver: local\n';
    assert.deepEqual(lintCompose(text), []);
  });
});
