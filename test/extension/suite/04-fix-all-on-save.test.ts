import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, fixture, open, setSetting, waitForRule } from '../util';

const ORIGINAL = 'FROM python:3.13.1-slim-bookworm\nMAINTAINER "Data Team"\nUSER nobody\nCMD ["python", "worker.py"]\n';
const FIXED = 'FROM python:3.13.1-slim-bookworm\nLABEL maintainer="Data Team"\nUSER nobody\nCMD ["python", "worker.py"]\n';

/** `source.fixAll.shipshape` in `editor.codeActionsOnSave`, as a user would enable it. */
suite('fix all on save', () => {
  const restore: Array<() => Promise<void>> = [];
  suiteTeardown(async () => {
    for (const r of restore.reverse()) await r();
    await closeAll();
  });

  /** Makes the document dirty with a trailing comment (so save runs the save participants) and saves. */
  async function editAndSave(editor: vscode.TextEditor): Promise<void> {
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    assert.ok(await editor.edit((b) => b.insert(end, '# touched\n')));
    assert.equal(await editor.document.save(), true);
  }

  test('saving does not fix anything while the code action is not enabled', async () => {
    const uri = fixture('fixall/worker.Dockerfile');
    const editor = await open('fixall/worker.Dockerfile');
    assert.equal(editor.document.getText(), ORIGINAL);
    await waitForRule(uri, 'dockerfile/maintainer-deprecated', true);
    await editAndSave(editor);
    assert.equal(editor.document.getText(), `${ORIGINAL}# touched\n`);
    assert.equal(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8'), `${ORIGINAL}# touched\n`);
  });

  test('with source.fixAll.shipshape enabled, saving applies the fixes and clears the findings', async () => {
    restore.push(await setSetting('editor', 'codeActionsOnSave', { 'source.fixAll.shipshape': 'explicit' }));
    const uri = fixture('fixall/worker.Dockerfile');
    const editor = await open('fixall/worker.Dockerfile');
    await waitForRule(uri, 'dockerfile/maintainer-deprecated', true);
    await editAndSave(editor);
    const expected = `${FIXED}# touched\n# touched\n`;
    assert.equal(editor.document.getText(), expected);
    assert.equal(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8'), expected);
    await waitForRule(uri, 'dockerfile/maintainer-deprecated', false);
  });
});
