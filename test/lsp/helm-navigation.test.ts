/** Helm values navigation over stdio: go-to-definition, find-references and schema hovers, at exact locations. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Location } from 'vscode-languageserver';
import { tempWorkspace } from '../unit/helpers';
import { LspClient } from './client';

const TEMPLATE = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: {{ .Release.Name }}',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: app',
  '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"',
  '{{- with .Values.service }}',
  '          ports:',
  '            - containerPort: {{ .port }}',
  '{{- end }}',
  '',
].join('\n');

const VALUES = 'image:\n  repository: nginx\n  tag: "1.27"\nservice:\n  port: 80\n';

const SCHEMA = JSON.stringify({
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    image: {
      type: 'object',
      description: 'The container image.',
      properties: { tag: { type: 'string', description: 'Image tag; never latest.' } },
    },
    service: { $ref: '#/definitions/service' },
  },
  definitions: {
    service: { type: 'object', properties: { port: { type: 'integer', description: 'Service port.', default: 80 } } },
  },
});

/** `file:line:start-end` of each location, relative to the chart. */
function where(dir: string, locs: readonly Location[] | null): string[] {
  return (locs ?? []).map((l) => {
    const rel = path.relative(dir, decodeURIComponent(new URL(l.uri).pathname));
    assert.equal(l.range.start.line, l.range.end.line);
    return `${rel}:${l.range.start.line}:${l.range.start.character}-${l.range.end.character}`;
  });
}

describe('helm values navigation over stdio', () => {
  let client: LspClient;
  let dir: string;
  let template: string;
  let values: string;

  beforeEach(async () => {
    dir = tempWorkspace({
      'c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
      'c/values.yaml': VALUES,
      'c/values.schema.json': SCHEMA,
      'c/templates/deploy.yaml': TEMPLATE,
      'c/templates/svc.yaml': 'kind: Service\nspec:\n  ports:\n    - port: {{ .Values.service.port }}\n',
    });
    dir = path.join(dir, 'c');
    template = path.join(dir, 'templates/deploy.yaml');
    values = path.join(dir, 'values.yaml');
    client = new LspClient();
    await client.initialize(path.dirname(dir));
    await client.open(template, TEMPLATE, 'helm');
    await client.open(values, VALUES, 'yaml');
  });
  afterEach(async () => {
    const code = await client.shutdown();
    assert.equal(code, 0, client.stderr);
  });

  it('advertises definition and references', async () => {
    const c = new LspClient();
    const res = (await c.initialize(dir)) as { capabilities: { definitionProvider?: boolean; referencesProvider?: boolean } };
    assert.equal(res.capabilities.definitionProvider, true);
    assert.equal(res.capabilities.referencesProvider, true);
    await c.shutdown();
  });

  it('goes from .Values.image.tag to the tag key, and from image to the image key', async () => {
    assert.deepEqual(where(dir, await client.definition(template, { line: 9, character: 67 })), ['values.yaml:2:2-5']);
    assert.deepEqual(where(dir, await client.definition(template, { line: 9, character: 62 })), ['values.yaml:0:0-5']);
    assert.deepEqual(where(dir, await client.definition(template, { line: 9, character: 40 })), ['values.yaml:1:2-12']);
  });

  it('follows with-scoping: .port inside with .Values.service goes to service.port', async () => {
    assert.deepEqual(where(dir, await client.definition(template, { line: 12, character: 34 })), ['values.yaml:4:2-6']);
  });

  it('has no definition off a values read, or for a key no values file defines', async () => {
    assert.equal(await client.definition(template, { line: 3, character: 14 }), null);
    const edited = TEMPLATE.replace('.Values.image.tag', '.Values.image.digest');
    await client.edit(template, { start: { line: 0, character: 0 }, end: { line: 14, character: 0 } }, edited);
    assert.equal(await client.definition(template, { line: 9, character: 68 }), null);
  });

  it('finds every read of a values key, at the field that names it, across templates', async () => {
    assert.deepEqual(where(dir, await client.references(values, { line: 0, character: 2 }, false)), [
      'templates/deploy.yaml:9:29-34',
      'templates/deploy.yaml:9:60-65',
    ]);
    assert.deepEqual(where(dir, await client.references(values, { line: 4, character: 3 }, true)), [
      'values.yaml:4:2-6',
      'templates/deploy.yaml:12:33-37',
      'templates/svc.yaml:3:31-35',
    ]);
    // `.port` under `with .Values.service` is a read of service.port, not a second read of service.
    assert.deepEqual(where(dir, await client.references(values, { line: 3, character: 1 }, false)), [
      'templates/deploy.yaml:10:17-24',
      'templates/svc.yaml:3:23-30',
    ]);
  });

  it('finds references from a read in a template too', async () => {
    assert.deepEqual(where(dir, await client.references(template, { line: 9, character: 67 }, true)), [
      'values.yaml:2:2-5',
      'templates/deploy.yaml:9:66-69',
    ]);
  });

  it('hovers a values key with its values.schema.json description (through $ref)', async () => {
    const tag = await client.hover(values, { line: 2, character: 3 });
    assert.deepEqual(tag?.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 5 } });
    assert.equal(
      (tag?.contents as { value: string }).value,
      '**image.tag**: `string`\n\nImage tag; never latest.\n\n_From values.schema.json_',
    );
    const port = await client.hover(values, { line: 4, character: 3 });
    assert.equal(
      (port?.contents as { value: string }).value,
      '**service.port**: `integer`\n\nService port.\n\nDefault: `80`\n\n_From values.schema.json_',
    );
    assert.equal(await client.hover(values, { line: 1, character: 4 }), null, 'repository is not in the schema');
  });

  it('answers from the open buffer, not the disk', async () => {
    await client.edit(values, { start: { line: 2, character: 2 }, end: { line: 2, character: 2 } }, '# pinned\n  ');
    assert.equal(fs.readFileSync(values, 'utf8'), VALUES, 'the disk still has the old text');
    assert.deepEqual(where(dir, await client.definition(template, { line: 9, character: 67 })), ['values.yaml:3:2-5']);
  });
});
