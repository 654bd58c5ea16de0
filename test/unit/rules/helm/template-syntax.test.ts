import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';

const ID = 'helm/template-syntax';
const files = { 'c/Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 0.1.0\n', 'c/values.yaml': 'a: 1\n' };
const lint = (t: string, name = 'templates/t.yaml') => lintString(t, { filename: `c/${name}`, files, only: ID });

describe(ID, () => {
  it('flags an unclosed {{ up to the end of its line', () => {
    const f = lint('a: 1\nb: {{ .Values.a\nc: 2\n');
    assert.deepEqual(summary(f), [{ ruleId: ID, range: [1, 3, 1, 15] }]);
  });
  it('flags an unbalanced end on the action', () => {
    assert.deepEqual(summary(lint('a: 1\n{{- end }}\n')), [{ ruleId: ID, range: [1, 0, 1, 10] }]);
  });
  it('flags a block that is never closed on its opening action', () => {
    assert.deepEqual(summary(lint('{{ range .Values.list }}\n- {{ . }}\n')), [{ ruleId: ID, range: [0, 0, 0, 24] }]);
  });
  it('flags an else outside a block and an unclosed parenthesis', () => {
    assert.deepEqual(summary(lint('{{ else }}\nx: {{ (default 1 .Values.a }}\n')), [
      { ruleId: ID, range: [0, 0, 0, 10] },
      { ruleId: ID, range: [1, 6, 1, 7] },
    ]);
  });
  it('flags blocks nested deeper than 100 levels once, on the first one it does not analyse', () => {
    const t = '{{ with .Values.a }}\n'.repeat(150) + 'x: 1\n' + '{{ end }}\n'.repeat(150);
    const f = lint(t);
    assert.deepEqual(summary(f), [{ ruleId: ID, range: [100, 0, 100, 20] }]);
    assert.equal(f[0]!.message, 'Blocks nested deeper than 100 levels: Shipshape does not analyse what is inside.');
    // 100 levels are analysed as usual.
    assert.deepEqual(summary(lint('{{ with .Values.a }}\n'.repeat(100) + 'x: 1\n' + '{{ end }}\n'.repeat(100))), []);
  });
  it('flags parentheses nested deeper than 100 levels on the first one it does not follow', () => {
    const f = lint(`x: {{ ${'('.repeat(150)}.Values.a${')'.repeat(150)} }}\n`);
    assert.deepEqual(summary(f), [{ ruleId: ID, range: [0, 106, 0, 107] }]);
    assert.equal(f[0]!.message, 'Parentheses nested deeper than 100 levels: Shipshape does not analyse what is inside.');
  });
  it('does not flag valid templates with trim markers, comments, else-if chains and defines', () => {
    const t = [
      '{{- /* a comment with }} inside */ -}}',
      '{{- define "demo.name" -}}{{ .Chart.Name | trunc 63 }}{{- end }}',
      '{{- if .Values.a }}',
      'a: {{ .Values.a | quote }}',
      '{{- else if eq .Values.b "x" }}',
      'b: {{ printf "%s-%s" "}}" (include "demo.name" .) }}',
      '{{- else }}',
      'c: {{ `raw {{ text` }}',
      '{{- end }}',
      '{{- range $i, $v := .Values.list }}{{ if $v }}{{ break }}{{ end }}{{ end }}',
    ].join('\n');
    assert.deepEqual(summary(lint(t)), []);
    assert.deepEqual(summary(lint(t, 'templates/_helpers.tpl')), []);
  });
});
