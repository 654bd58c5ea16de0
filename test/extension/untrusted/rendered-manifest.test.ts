import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, fixture, open, waitUntil } from '../util';

/** In restricted mode "Show Rendered Manifest" runs no helm: it explains instead and opens nothing. */
suite('restricted mode: show rendered manifest', () => {
  test('returns without rendering or opening anything', async function () {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    if (!ext) {
      console.log('      skipped: Shipshape does not run in restricted mode');
      this.skip();
    }
    await open('services/api.Dockerfile');
    await waitUntil(() => ext.isActive, 'Shipshape to activate');
    const before = vscode.workspace.textDocuments.length;
    const res = await vscode.commands.executeCommand('shipshape.showRenderedManifest', fixture('services/api.Dockerfile'));
    assert.equal(res, undefined);
    assert.equal(vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'shipshape-rendered').length, 0);
    assert.equal(vscode.workspace.textDocuments.length, before);
  });
});
