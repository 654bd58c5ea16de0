import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAll, fixture, open, screenshot, summary, waitForDiagnostics } from '../util';

/**
 * Environment parity in the editor: a Compose service's disagreement with its Kubernetes workload
 * is an info on the Compose file whose related location is the manifest.
 */
suite('environment parity', () => {
  teardown(closeAll);

  test('compose/cluster-parity on the Compose file, with the manifest as its related location', async () => {
    // Copied in now: a Compose file present at startup would activate Shipshape before the activation tests run.
    const source = vscode.Uri.file(path.resolve(__dirname, '../../../../test/fixtures/env-parity'));
    await vscode.workspace.fs.copy(source, fixture('env-parity'), { overwrite: true });
    // The manifest is opened first, so the index holds it whether or not the file watcher saw the copy.
    const manifest = fixture('env-parity/k8s/api.yaml');
    await open('env-parity/k8s/api.yaml');
    await waitForDiagnostics(manifest, (all) => all.length > 0, 'the manifest checked');

    const uri = fixture('env-parity/compose.yaml');
    await open('env-parity/compose.yaml');
    const ds = await waitForDiagnostics(
      uri,
      (all) => all.some((d) => d.message.includes('DEBUG_TOOLBAR')),
      'the parity info on DEBUG_TOOLBAR',
    );
    const d = ds.find((x) => x.message.includes('DEBUG_TOOLBAR'))!;
    assert.deepEqual(summary(d), { code: 'compose/cluster-parity', range: [6, 6, 6, 19], severity: 'Information' });
    const related = d.relatedInformation ?? [];
    assert.equal(related.length, 1);
    assert.equal(related[0]!.location.uri.toString(), manifest.toString());
    assert.deepEqual(
      [
        related[0]!.location.range.start.line,
        related[0]!.location.range.start.character,
        related[0]!.location.range.end.line,
        related[0]!.location.range.end.character,
      ],
      [16, 16, 16, 19],
    );

    // The problem widget under the line shows the message and the related location in the manifest.
    await vscode.commands.executeCommand('workbench.action.closePanel');
    const editor = vscode.window.activeTextEditor!;
    editor.selection = new vscode.Selection(d.range.start.line, 0, d.range.start.line, 0);
    await vscode.commands.executeCommand('editor.action.marker.next');
    await screenshot('env-parity', '.marker-widget');
  });
});
