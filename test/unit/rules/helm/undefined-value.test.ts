import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';

const ID = 'helm/undefined-value';
const CHART = 'apiVersion: v2\nname: demo\nversion: 0.1.0\n';
const VALUES = 'image:\n  repository: nginx\n  tag: "1.0"\nservice:\n  port: 80\npodAnnotations: {}\nlist:\n  - a\n';

function lint(t: string, extra: Record<string, string> = {}, name = 'templates/t.yaml') {
  return summary(lintString(t, { filename: `c/${name}`, files: { 'c/Chart.yaml': CHART, 'c/values.yaml': VALUES, ...extra }, only: ID }));
}

describe(ID, () => {
  it('flags a misspelt key at the whole .Values chain', () => {
    assert.deepEqual(lint('image: {{ .Values.image.tg }}\n'), [{ ruleId: ID, range: [0, 10, 0, 26] }]);
  });
  it('flags reads below a missing mapping', () => {
    assert.deepEqual(lint('x: {{ .Values.ingress.host }}\n'), [{ ruleId: ID, range: [0, 6, 0, 26] }]);
  });
  it('follows with-scoping, $ and variables', () => {
    const t =
      '{{- with .Values.service }}\nport: {{ .prt }}\nname: {{ $.Values.nam }}\n{{- end }}\n{{- $img := .Values.image }}\nr: {{ $img.repo }}\n';
    assert.deepEqual(lint(t), [
      { ruleId: ID, range: [1, 9, 1, 13] },
      { ruleId: ID, range: [2, 9, 2, 21] },
      { ruleId: ID, range: [5, 6, 5, 15] },
    ]);
  });
  it('follows index with literal keys', () => {
    assert.deepEqual(lint('x: {{ index .Values "image" "tga" }}\n'), [{ ruleId: ID, range: [0, 6, 0, 33] }]);
  });
  it('checks named templates called with the root context, in the file that defines them', () => {
    const helpers = '{{- define "demo.image" -}}{{ .Values.image.repository }}:{{ .Values.image.version }}{{- end }}\n';
    const t = 'image: {{ include "demo.image" . }}\n';
    assert.deepEqual(lint(helpers, { 'c/templates/d.yaml': t }, 'templates/_helpers.tpl'), [{ ruleId: ID, range: [0, 61, 0, 82] }]);
  });
  it('does not flag guarded reads', () => {
    const t = [
      'a: {{ .Values.image.pullPolicy | default "IfNotPresent" }}',
      'b: {{ default "x" .Values.missing.deep }}',
      '{{- if .Values.ingress }}host: {{ .Values.ingress.host }}{{ end }}',
      '{{- with .Values.tls }}{{ .secret }}{{ end }}',
      '{{- if hasKey .Values.image "digest" }}d: {{ .Values.image.digest }}{{ end }}',
      'c: {{ required "set it" .Values.secretName }}',
      '{{- if and .Values.metrics .Values.metrics.enabled }}m: 1{{ end }}',
    ].join('\n');
    assert.deepEqual(lint(t), []);
  });
  it('does not flag defined values, empty mappings, range elements, dependencies or globals', () => {
    const chart = CHART + 'dependencies:\n  - name: redis\n    version: 1.x\n    repository: https://x.example\n';
    const t = [
      'a: {{ .Values.image.repository }}:{{ .Values.service.port }}',
      'b: {{ .Values.podAnnotations.team }}',
      '{{- range .Values.list }}{{ .whatever }}{{ end }}',
      'c: {{ .Values.redis.auth.password }} {{ .Values.global.registry }}',
      'd: {{ .Release.Name }} {{ .Chart.Version }}',
    ].join('\n');
    assert.deepEqual(lint(t, { 'c/Chart.yaml': chart }), []);
  });
  it('counts values files for every environment, and vendored subchart values', () => {
    const extra = {
      'c/values-prod.yaml': 'replicas: 3\n',
      'c/charts/db/Chart.yaml': 'apiVersion: v2\nname: db\nversion: 1.0.0\n',
      'c/charts/db/values.yaml': 'port: 5432\n',
    };
    assert.deepEqual(lint('r: {{ .Values.replicas }}\np: {{ .Values.db.port }}\nq: {{ .Values.db.prt }}\n', extra), [
      { ruleId: ID, range: [2, 6, 2, 20] },
    ]);
  });
});
