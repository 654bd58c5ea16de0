import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, fixture, open, summary, waitForRule, waitUntil } from '../util';

/**
 * The .vsix built by `npm run package`, installed into a clean VS Code: the artifact users get.
 * The workspace has a root Dockerfile, so `workspaceContains` starts Shipshape on its own.
 */
suite('packaged extension (.vsix)', () => {
  test('is installed from the .vsix, not loaded from the source tree', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    assert.match(path.basename(ext.extensionPath), /^shipshape\.shipshape-\d+\.\d+\.\d+$/);
  });

  test('starts on workspaceContains:**/Dockerfile without any file being opened', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await waitUntil(() => ext.isActive, 'Shipshape to activate');
    assert.deepEqual(vscode.window.visibleTextEditors, []);
  });

  test('publishes a diagnostic for the root Dockerfile', async () => {
    await open('Dockerfile');
    const [d] = await waitForRule(fixture('Dockerfile'), 'dockerfile/maintainer-deprecated', true);
    assert.deepEqual(summary(d!), { code: 'dockerfile/maintainer-deprecated', range: [1, 0, 1, 10], severity: 'Warning' });
  });

  test('runs the shell rules, so the shell parser is in the package', async () => {
    await open('Dockerfile');
    const ds = await waitForRule(fixture('Dockerfile'), 'dockerfile/apt-get-yes', true);
    assert.deepEqual(ds.map(summary), [{ code: 'dockerfile/apt-get-yes', range: [2, 4, 2, 11], severity: 'Warning' }]);
  });
});
