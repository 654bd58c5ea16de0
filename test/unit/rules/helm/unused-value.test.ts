import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';

const ID = 'helm/unused-value';
const CHART = 'apiVersion: v2\nname: demo\nversion: 0.1.0\n';

function lint(values: string, templates: Record<string, string>, chart = CHART) {
  const files: Record<string, string> = { 'c/Chart.yaml': chart };
  for (const [k, v] of Object.entries(templates)) files[`c/templates/${k}`] = v;
  return lintString(values, { filename: 'c/values.yaml', files, only: ID });
}

describe(ID, () => {
  it('flags the topmost key nobody reads, as a hint', () => {
    const f = lint('image:\n  repository: nginx\n  tagg: "1"\nextra:\n  a: 1\n', { 'd.yaml': 'i: {{ .Values.image.repository }}\n' });
    assert.deepEqual(summary(f), [
      { ruleId: ID, range: [2, 2, 2, 6] },
      { ruleId: ID, range: [3, 0, 3, 5] },
    ]);
    assert.equal(f[0]!.severity, 'hint');
  });
  it('counts reads through with, toYaml of a parent, helpers, index and tpl strings', () => {
    const helpers = '{{- define "x" -}}{{ .context.Values.fromHelper }}{{- end }}';
    const t = [
      '{{- with .Values.svc }}{{ .port }}{{ end }}',
      'r: {{ toYaml .Values.resources }}',
      'h: {{ include "x" (dict "context" $) }}',
      'i: {{ index .Values "byIndex" }}',
      't: {{ tpl .Values.template . }}',
    ].join('\n');
    const values =
      'svc:\n  port: 1\nresources:\n  limits:\n    cpu: 1\nfromHelper: 1\nbyIndex: 1\ntemplate: "{{ .Values.viaTpl }}"\nviaTpl: 1\n';
    assert.deepEqual(summary(lint(values, { '_helpers.tpl': helpers, 'd.yaml': t })), []);
  });
  it('skips dependency keys and global, and gives up when .Values is read whole', () => {
    const chart = CHART + 'dependencies:\n  - name: redis\n    alias: cache\n    version: 1.x\n    repository: https://x.example\n';
    assert.deepEqual(summary(lint('cache:\n  a: 1\nglobal:\n  b: 1\n', { 'd.yaml': 'x: 1\n' }, chart)), []);
    assert.deepEqual(summary(lint('anything: 1\n', { 'd.yaml': 'x: {{ toYaml .Values }}\n' })), []);
  });
  it('does not check a library chart, nor a chart without templates', () => {
    const library = CHART + 'type: library\n';
    assert.deepEqual(summary(lint('unused: 1\n', { '_helpers.tpl': '{{- define "x" -}}{{- end }}' }, library)), []);
    assert.deepEqual(summary(lint('unused: 1\n', {})), []);
    assert.deepEqual(summary(lint('unused: 1\n', { 'd.yaml': 'x: 1\n' })), [{ ruleId: ID, range: [0, 0, 0, 6] }]);
  });
});
