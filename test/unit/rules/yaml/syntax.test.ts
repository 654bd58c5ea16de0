import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';

const ID = 'yaml/syntax';

describe(ID, () => {
  it('flags a YAML error where it is', () => {
    const found = summary(lintString('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "x\n', { only: ID }));
    assert.equal(found.length > 0, true);
    assert.equal(found[0]!.range[0], 3);
  });
  it('flags duplicate keys', () => {
    const found = lintString('apiVersion: v1\nkind: ConfigMap\nkind: Secret\nmetadata:\n  name: x\n', { only: ID });
    assert.equal(found.length, 1);
    assert.deepEqual(summary(found)[0]!.range.slice(0, 2), [2, 0]);
  });
  it('does not flag valid multi-document YAML', () => {
    assert.deepEqual(
      lintString('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n', {
        only: ID,
      }),
      [],
    );
  });
  it('never checks Helm templates', () => {
    const files = { 'chart/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n' };
    assert.deepEqual(
      lintString('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n  {{- if .Values.x }}\n', {
        filename: 'chart/templates/cm.yaml',
        files,
        only: ID,
      }),
      [],
    );
  });
});
