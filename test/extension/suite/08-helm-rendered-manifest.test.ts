import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAll, fixture, open, setSetting } from '../util';

/** helm as the unit tests extract it from the dev dependency (see test/unit/helm-render.test.ts). */
const HELM = path.resolve(__dirname, '../../../../.vscode-test/helm/helm/helm');

/** "Shipshape: Show Rendered Manifest" in a trusted workspace, with a real helm. */
suite('helm: show rendered manifest', () => {
  teardown(closeAll);

  test('opens the rendered chart beside the template as read-only YAML', async function () {
    if (!fs.existsSync(HELM)) {
      console.log('      skipped: no helm at .vscode-test/helm (the unit tests extract it)');
      this.skip();
    }
    const source = vscode.Uri.file(path.resolve(__dirname, '../../../../test/extension/charts/web'));
    await vscode.workspace.fs.copy(source, fixture('charts/web'), { overwrite: true });
    const restore = await setSetting('shipshape.helm', 'path', HELM);
    try {
      await open('charts/web/templates/deployment.yaml');
      const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>(
        'shipshape.showRenderedManifest',
        fixture('charts/web/templates/deployment.yaml'),
      );
      assert.ok(uri, 'the command returns the rendered document');
      assert.equal(uri.scheme, 'shipshape-rendered');
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      assert.ok(doc, 'the rendered document is open');
      assert.equal(doc.languageId, 'yaml');
      assert.match(doc.getText(), /^# Source: web\/templates\/deployment\.yaml$/m);
      // A content-provider document has no file behind it: saving it is impossible.
      assert.equal(await doc.save(), false);
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
    } finally {
      await restore();
    }
  });

  test('says what to open when the active file is not on disk', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: 'a: 1\n' });
    await vscode.window.showTextDocument(doc);
    assert.equal(await vscode.commands.executeCommand('shipshape.showRenderedManifest'), undefined);
  });
});
