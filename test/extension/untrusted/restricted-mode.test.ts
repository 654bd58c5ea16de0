import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, fixture, open, summary, waitForRule, waitUntil } from '../util';

/** package.json of the packaged extension (out/test/extension/untrusted -> repository root). */
const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8')) as {
  capabilities?: { untrustedWorkspaces?: { supported?: boolean | 'limited' } };
};
const support = manifest.capabilities?.untrustedWorkspaces?.supported ?? false;

/**
 * The installed .vsix with the workspace in restricted mode. What Shipshape may do there is
 * declared by `capabilities.untrustedWorkspaces` in package.json; these tests hold it to that.
 * (VS Code applies workspace trust to installed extensions only, hence the .vsix.)
 */
suite(`restricted mode (untrustedWorkspaces.supported: ${String(support)})`, () => {
  test('the workspace is not trusted and Shipshape is installed', () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const dir = process.env.CODE_SERVER_TEST_EXTENSIONS_DIR;
    if (dir)
      assert.ok(
        fs.readdirSync(dir).some((n) => n.startsWith(`${EXTENSION_ID}-`)),
        `${EXTENSION_ID} is in ${dir}`,
      );
  });

  if (support === false) {
    test('Shipshape does not run at all, so none of its code or binaries run', async () => {
      await open('services/api.Dockerfile');
      // An extension that needs trust is not handed to the extension host of an untrusted workspace.
      assert.equal(vscode.extensions.getExtension(EXTENSION_ID), undefined);
    });
  } else {
    test('Shipshape lints (the server is bundled JavaScript, no binaries run)', async () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(ext);
      await open('services/api.Dockerfile');
      await waitUntil(() => ext.isActive, 'Shipshape to activate');
      const [d] = await waitForRule(fixture('services/api.Dockerfile'), 'dockerfile/maintainer-deprecated', true);
      assert.deepEqual(summary(d!), { code: 'dockerfile/maintainer-deprecated', range: [1, 0, 1, 10], severity: 'Warning' });
    });
  }
});
