import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, fixture, open, summary, waitForRule } from '../util';

/** A suppression comment typed into the editor removes the finding below it, and only that one. */
suite('suppression comments', () => {
  teardown(closeAll);

  for (const [comment, what] of [
    ['# shipshape-ignore k8s/image-latest-tag', 'Shipshape id'],
    ['# checkov:skip=CKV_K8S_14', "another tool's id (alias)"],
  ] as const) {
    test(`a comment naming the ${what} clears k8s/image-latest-tag`, async () => {
      const uri = fixture('suppress/job.yaml');
      const editor = await open('suppress/job.yaml');
      const [d] = await waitForRule(uri, 'k8s/image-latest-tag', true);
      assert.deepEqual(summary(d!), { code: 'k8s/image-latest-tag', range: [10, 17, 10, 30], severity: 'Warning' });

      const line = editor.document.lineAt(10);
      const indent = line.text.slice(0, line.firstNonWhitespaceCharacterIndex);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, new vscode.Position(10, 0), `${indent}${comment}\n`);
      assert.equal(await vscode.workspace.applyEdit(edit), true);
      await waitForRule(uri, 'k8s/image-latest-tag', false);

      await vscode.commands.executeCommand('workbench.action.files.revert');
      await waitForRule(uri, 'k8s/image-latest-tag', true);
    });
  }
});
