import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, closeAll, open, screenshot, waitUntil, type ShipshapeApi } from '../util';

/** Activation follows the manifest: the workspace has no `Dockerfile` or `Chart.yaml`, so nothing starts Shipshape eagerly. */
suite('activation', () => {
  teardown(closeAll);

  const shipshape = (): vscode.Extension<ShipshapeApi> => {
    const ext = vscode.extensions.getExtension<ShipshapeApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded in the extension host`);
    return ext;
  };

  test('runs in the Node extension host of VS Code 1.100 or later', () => {
    const [major, minor] = vscode.version.split('.').map(Number);
    assert.ok(major! > 1 || minor! >= 100, `VS Code ${vscode.version}`);
    assert.equal(shipshape().extensionKind, vscode.ExtensionKind.Workspace);
    console.log(`VS Code ${vscode.version} (${vscode.env.appHost}), Node ${process.version}`);
  });

  test('stays inactive when a Markdown or JSON file is opened', async () => {
    // The built-in language extensions activate on the same onLanguage events; once they are
    // active, those events have been handled, so Shipshape's state afterwards is final.
    for (const [file, builtin] of [
      ['notes.md', 'vscode.markdown-language-features'],
      ['data.json', 'vscode.json-language-features'],
    ] as const) {
      await open(file);
      const other = vscode.extensions.getExtension(builtin);
      assert.ok(other, `${builtin} is built in`);
      await waitUntil(() => other.isActive, `${builtin} to activate`);
      assert.equal(shipshape().isActive, false, `opening ${file} must not activate Shipshape`);
    }
  });

  test('activates when a Dockerfile is opened, and logs how long activation took', async () => {
    const opened = Date.now();
    const editor = await open('services/api.Dockerfile');
    assert.equal(editor.document.languageId, 'dockerfile');
    const ext = shipshape();
    await waitUntil(() => ext.isActive, 'Shipshape to activate');
    const sinceOpen = Date.now() - opened;
    assert.equal(typeof ext.exports.activatedInMs, 'number');
    console.log(`Shipshape activation: ${ext.exports.activatedInMs} ms in activate(), ${sinceOpen} ms from opening the Dockerfile`);
    // Activation loads only the entry: the cluster module waits for the explorer's first use.
    const loaded = (file: string): boolean => require.cache[path.join(ext.extensionPath, 'dist', file)] !== undefined;
    assert.ok(loaded('extension.js'), 'dist/extension.js is what VS Code loaded');
    assert.equal(loaded('cluster.js'), false, 'dist/cluster.js must not load before the cluster explorer is used');
    // What activation does load stays small: a static import of client-node, the language client
    // or the cluster operations would pull hundreds of KB into it.
    const entryKb = fs.statSync(path.join(ext.extensionPath, 'dist', 'extension.js')).size / 1024;
    assert.ok(entryKb < 100, `dist/extension.js is ${entryKb.toFixed(0)} KB; keep heavy modules behind a lazy import (scripts/bundle.mjs)`);
    // VS Code's own measure (loading the code + the activate call), from Developer: Show Running Extensions.
    await vscode.commands.executeCommand('workbench.action.showRuntimeExtensions');
    const measured = await screenshot(
      'running-extensions',
      `.monaco-list-row:has-text("${EXTENSION_ID}") .activation-time:has-text("Activation:")`,
      // The list is sorted slowest first and only renders the rows that fit.
      { window: { width: 1280, height: 3000 } },
    );
    if (measured) console.log(`Shipshape activation as VS Code measured it: ${measured}`);
  });
});
