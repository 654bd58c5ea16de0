import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAll, fixture, open, screenshot, summary, waitForRule } from '../util';

/** A Compose file gets diagnostics, and the hover on a service lists its Dockerfile's findings. */
suite('compose', () => {
  teardown(closeAll);

  test('compose.yaml: the exposed database port, and the built Dockerfile in the hover on the service', async () => {
    // Copied in now: a Compose file present at startup would activate Shipshape (workspaceContains)
    // before the activation tests run.
    const source = vscode.Uri.file(path.resolve(__dirname, '../../../../test/extension/compose'));
    await vscode.workspace.fs.copy(source, fixture('compose'), { overwrite: true });
    const uri = fixture('compose/compose.yaml');
    const editor = await open('compose/compose.yaml');
    const ds = await waitForRule(uri, 'compose/exposed-database-port', true);
    assert.deepEqual(ds.map(summary), [{ code: 'compose/exposed-database-port', range: [14, 8, 14, 19], severity: 'Warning' }]);

    const at = new vscode.Position(1, 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /Builds `api\/Dockerfile`, which has \d+ findings:/);
    assert.match(text, /`dockerfile\/json-form-cmd`/);

    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('editor.action.showHover');
    await screenshot('compose', '.monaco-hover');
  });
});
