import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { enable, fixture } from './fixtures';

const ID = 'k8s/dns-config-options';

describe(ID, () => {
  it('flags a dnsConfig whose ndots has another value', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID, config: enable(ID) })), [
      { ruleId: ID, range: [15, 6, 15, 15] },
    ]);
  });
  it('does not flag ndots:2', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID, config: enable(ID) }), []);
  });
  it('flags a pod without dnsConfig on its containers key', () => {
    const text = fixture(ID, 'good.yaml').replace(/ {6}dnsConfig:\n(?: {8}.*\n)+/, '');
    assert.deepEqual(summary(lintString(text, { only: ID, config: enable(ID) })), [{ ruleId: ID, range: [15, 6, 15, 16] }]);
  });
  it('takes the option name and value from the configuration', () => {
    const config = `rules:\n  ${ID}:\n    severity: info\n    name: ndots\n    value: "5"\n`;
    assert.deepEqual(lintString(fixture(ID, 'bad.yaml'), { only: ID, config }), []);
  });
});
