import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAll, fixture, open, screenshot, summary, waitForRule } from '../util';

/**
 * Findings arrive as VS Code diagnostics with the rule id as `code`, the exact range and the
 * rule's severity. Each case names the rule it is about, so rules added later do not break it.
 */
suite('diagnostics', () => {
  teardown(closeAll);

  test('a Dockerfile: dockerfile/maintainer-deprecated on the MAINTAINER keyword', async () => {
    const uri = fixture('services/api.Dockerfile');
    await open('services/api.Dockerfile');
    const [d, ...rest] = await waitForRule(uri, 'dockerfile/maintainer-deprecated', true);
    assert.equal(rest.length, 0);
    assert.deepEqual(summary(d!), { code: 'dockerfile/maintainer-deprecated', range: [1, 0, 1, 10], severity: 'Warning' });
    assert.equal(d!.source, 'shipshape');
    assert.match(String((d!.code as { target: vscode.Uri }).target), /docs\/rules\/dockerfile\/maintainer-deprecated\.md$/);

    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await screenshot('diagnostics', '.markers-panel .monaco-list-row');
  });

  test('a RUN instruction: dockerfile/apt-get-yes on the command, through the bundled shell parser', async () => {
    // The shell rules need the WebAssembly parser shipped beside dist/server.js.
    const uri = fixture('services/worker.Dockerfile');
    await open('services/worker.Dockerfile');
    const ds = await waitForRule(uri, 'dockerfile/apt-get-yes', true);
    assert.deepEqual(ds.map(summary), [{ code: 'dockerfile/apt-get-yes', range: [1, 22, 1, 29], severity: 'Warning' }]);
  });

  test('a manifest: k8s/image-latest-tag on each unpinned image value', async () => {
    const uri = fixture('k8s/deployment.yaml');
    await open('k8s/deployment.yaml');
    const ds = await waitForRule(uri, 'k8s/image-latest-tag', true);
    assert.deepEqual(
      ds.map(summary).sort((a, b) => a.range[0] - b.range[0]),
      [
        { code: 'k8s/image-latest-tag', range: [15, 17, 15, 29], severity: 'Warning' }, // nginx:latest
        { code: 'k8s/image-latest-tag', range: [17, 17, 17, 24], severity: 'Warning' }, // busybox
      ],
    );
  });

  test('broken YAML: yaml/syntax as an error where the parser stopped', async () => {
    const uri = fixture('k8s/broken.yaml');
    await open('k8s/broken.yaml');
    const ds = await waitForRule(uri, 'yaml/syntax', true);
    assert.deepEqual(ds.map(summary), [{ code: 'yaml/syntax', range: [5, 15, 5, 16], severity: 'Error' }]);
  });

  test('.shipshape.yaml: shipshape/config on an unknown rule id, with a "did you mean"', async () => {
    const uri = fixture('configured/.shipshape.yaml');
    await open('configured/.shipshape.yaml');
    const ds = await waitForRule(uri, 'shipshape/config', true);
    assert.deepEqual(ds.map(summary), [{ code: 'shipshape/config', range: [1, 2, 1, 23], severity: 'Error' }]);
    assert.match(ds[0]!.message, /did you mean "k8s\/image-latest-tag"/);
  });

  test('a Helm chart: helm/values-image-tag in values.yaml, helm/undefined-value in a template', async () => {
    // The chart is copied in now: a Chart.yaml present at startup would activate Shipshape
    // (workspaceContains) before the activation tests run.
    const source = vscode.Uri.file(path.resolve(__dirname, '../../../../test/extension/charts/web'));
    await vscode.workspace.fs.copy(source, fixture('charts/web'), { overwrite: true });

    const values = fixture('charts/web/values.yaml');
    await open('charts/web/values.yaml');
    const vs = await waitForRule(values, 'helm/values-image-tag', true);
    assert.deepEqual(vs.map(summary), [{ code: 'helm/values-image-tag', range: [3, 7, 3, 13], severity: 'Warning' }]);

    const template = fixture('charts/web/templates/deployment.yaml');
    await open('charts/web/templates/deployment.yaml');
    const ts = await waitForRule(template, 'helm/undefined-value', true);
    assert.deepEqual(ts.map(summary), [{ code: 'helm/undefined-value', range: [18, 32, 18, 58], severity: 'Warning' }]);
    assert.match(ts[0]!.message, /service\.targetPort/);
  });
});
