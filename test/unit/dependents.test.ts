/** Which open documents a file changed on disk sends back to the check worker. */
import { strict as assert } from 'node:assert';
import { dependents } from '../../server/src/handlers/dependents';
import { pathToFileUri } from '../../server/src/engine/uri';
import type { DocumentKind } from '../../server/src/engine/types';
import type { IndexedFile } from '../../server/src/engine/workspace';

const uri = (p: string) => pathToFileUri(p);

function entries(files: Record<string, { kind: DocumentKind; chartRoot?: string }>): (u: string) => IndexedFile | undefined {
  const byUri = new Map(
    Object.entries(files).map(([p, e]) => [uri(p), { uri: uri(p), path: p, kind: e.kind, chartRoot: e.chartRoot, objects: [] }]),
  );
  return (u) => byUri.get(u);
}

const OPEN = ['/w/app/Dockerfile', '/w/deploy/app.yaml', '/w/compose.yaml', '/w/chart/templates/deploy.yaml', '/w/notes.txt'].map(uri);
const ENTRIES = entries({
  '/w/app/Dockerfile': { kind: 'dockerfile' },
  '/w/deploy/app.yaml': { kind: 'manifest' },
  '/w/compose.yaml': { kind: 'compose' },
  '/w/chart/templates/deploy.yaml': { kind: 'helm-template', chartRoot: '/w/chart' },
  '/w/notes.txt': { kind: 'other' },
});

const changed = (file: string, entryOf = ENTRIES, open = OPEN) => dependents(file, open, entryOf).map((u) => u.replace('file:///w/', ''));

describe('Open documents a file changed on disk can change', () => {
  it('a Dockerfile, by a file in its build context, and a Compose file beside it', () => {
    assert.deepEqual(changed('/w/app/.dockerignore'), ['app/Dockerfile', 'compose.yaml']);
    assert.deepEqual(changed('/w/other/.dockerignore'), ['compose.yaml']);
  });

  it('manifests and charts, by YAML anywhere in the workspace or a file of the chart', () => {
    assert.deepEqual(changed('/w/other/service.yaml'), ['deploy/app.yaml', 'compose.yaml']);
    assert.deepEqual(changed('/w/chart/values.yaml'), ['deploy/app.yaml', 'compose.yaml', 'chart/templates/deploy.yaml']);
    assert.deepEqual(changed('/w/chart/README.md'), ['compose.yaml', 'chart/templates/deploy.yaml']);
    assert.deepEqual(changed('/elsewhere/readme.md'), []);
  });

  it('every document under the folder of a changed config file', () => {
    assert.deepEqual(changed('/w/app/.shipshape.yaml'), ['app/Dockerfile']);
    assert.deepEqual(
      changed('/w/.hadolint.yaml'),
      OPEN.map((u) => u.replace('file:///w/', '')),
    );
  });

  it('a document whose index entry has not arrived yet, whatever changed', () => {
    const none = () => undefined;
    assert.deepEqual(changed('/w/app/.dockerignore', none, [uri('/w/app/Dockerfile')]), ['app/Dockerfile']);
    assert.deepEqual(changed('/elsewhere/readme.md', none, [uri('/w/notes.txt')]), ['notes.txt']);
  });

  it('no document that is not a file', () => {
    assert.deepEqual(
      changed('/w/app/.dockerignore', () => undefined, ['untitled:Untitled-1']),
      [],
    );
  });
});
