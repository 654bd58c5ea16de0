import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, codeOf, fixture, open, screenshot, summary, waitForDiagnostics, waitForRule } from '../util';

suite('quick fixes', () => {
  teardown(closeAll);

  test('the MAINTAINER quick fix rewrites the instruction exactly and clears the finding', async () => {
    const uri = fixture('quickfix/web.Dockerfile');
    const editor = await open('quickfix/web.Dockerfile');
    const [diag] = await waitForRule(uri, 'dockerfile/maintainer-deprecated', true);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      diag!.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    // (Other rules may offer their own fixes on the same range; the command returns actions
    // without their `diagnostics`, so ours is found by its title.)
    const fix = actions.find((a) => a.title === 'Replace MAINTAINER with LABEL maintainer=…');
    assert.ok(fix, `offered: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(fix.kind?.value, 'quickfix');
    assert.equal(fix.isPreferred, true);

    // The menu a user sees, for the README.
    await vscode.commands.executeCommand('workbench.action.closePanel');
    editor.selection = new vscode.Selection(diag!.range.start, diag!.range.start);
    await vscode.commands.executeCommand('editor.action.quickFix');
    await screenshot('quick-fix', '.action-widget');
    await vscode.commands.executeCommand('hideCodeActionWidget');

    assert.ok(fix.edit, 'the fix carries its edit');
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
    assert.equal(
      editor.document.getText(),
      'FROM node:20.18.1-alpine3.20\nLABEL maintainer="ops@example.com"\nUSER node\nCMD ["node", "server.js"]\n',
    );
    await waitForRule(uri, 'dockerfile/maintainer-deprecated', false);
  });

  test('a manifest quick fix (k8s/privilege-escalation) writes the hardened securityContext', async () => {
    const uri = fixture('quickfix/pod.yaml');
    const editor = await open('quickfix/pod.yaml');
    const [diag, ...rest] = await waitForRule(uri, 'k8s/privilege-escalation', true);
    assert.equal(rest.length, 0);
    assert.deepEqual(summary(diag!), { code: 'k8s/privilege-escalation', range: [10, 34, 10, 38], severity: 'Warning' });

    // Only this finding touches line 10, so exactly one quick fix is offered there.
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      diag!.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    assert.deepEqual(
      actions.map((a) => a.title),
      [
        'Add the hardened securityContext (no privilege escalation, non-root, drop ALL, RuntimeDefault seccomp) (unsafe: changes behaviour, review it)',
      ],
    );
    assert.ok(actions[0]!.edit);
    assert.equal(await vscode.workspace.applyEdit(actions[0]!.edit), true);
    assert.equal(
      editor.document.getText(),
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: api',
        'spec:',
        '  containers:',
        '    - name: api',
        '      image: registry.example.com/api:1.4.2',
        '      securityContext:',
        '        runAsNonRoot: true',
        '        allowPrivilegeEscalation: false',
        '        capabilities:',
        '          drop:',
        '            - ALL',
        '  securityContext:',
        '    seccompProfile:',
        '      type: RuntimeDefault',
        '',
      ].join('\n'),
    );
    await waitForDiagnostics(
      uri,
      (ds) => !ds.some((d) => ['k8s/privilege-escalation', 'k8s/capabilities-drop-all', 'k8s/seccomp-profile'].includes(codeOf(d) ?? '')),
      'the hardening findings to clear',
    );
  });

  test('once the text is fixed by hand, the quick fix is no longer offered', async () => {
    const uri = fixture('quickfix/web.Dockerfile');
    const editor = await open('quickfix/web.Dockerfile');
    await waitForRule(uri, 'dockerfile/maintainer-deprecated', true);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, editor.document.lineAt(1).range, 'LABEL maintainer="ops@example.com"');
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    await waitForRule(uri, 'dockerfile/maintainer-deprecated', false);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      new vscode.Range(0, 0, editor.document.lineCount, 0),
      vscode.CodeActionKind.QuickFix.value,
    );
    assert.deepEqual(
      actions.map((a) => a.title).filter((t) => t.includes('MAINTAINER')),
      [],
    );
  });
});
