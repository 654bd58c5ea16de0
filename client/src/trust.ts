/**
 * Workspace trust on the client side: tells the server whether it may run programs (helm,
 * shellcheck), tells it again when the user grants trust, and says once, in the status bar, what
 * restricted mode turns off.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { WORKSPACE_TRUST_NOTIFICATION, type WorkspaceTrust } from '../../server/src/protocol';

/** `initializationOptions` for the language client, read when the server starts. */
export function initializationOptions(): WorkspaceTrust {
  return { workspaceTrusted: vscode.workspace.isTrusted };
}

/** What restricted mode disables, in one sentence (status bar tooltip and messages). */
export const RESTRICTED_MESSAGE =
  'Restricted mode: Shipshape runs no programs from this workspace (no helm template or helm lint, no shellcheck) until you trust it. All other checks run.';

/** Shows the restricted-mode status item while untrusted and forwards a grant of trust to the server. */
export function registerTrust(context: vscode.ExtensionContext, client: LanguageClient): void {
  if (vscode.workspace.isTrusted) return;
  const item = vscode.window.createStatusBarItem('shipshape.restricted', vscode.StatusBarAlignment.Left, 9);
  item.name = 'Shipshape restricted mode';
  item.text = '$(workspace-untrusted) Shipshape: restricted';
  item.tooltip = RESTRICTED_MESSAGE;
  item.command = 'workbench.trust.manage';
  item.show();
  context.subscriptions.push(
    item,
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      item.hide();
      const trust: WorkspaceTrust = { workspaceTrusted: true };
      client
        .sendNotification(WORKSPACE_TRUST_NOTIFICATION, trust)
        .catch((e: unknown) => client.outputChannel.appendLine(`Shipshape could not tell the server about trust: ${String(e)}`));
    }),
  );
  client.outputChannel.appendLine(RESTRICTED_MESSAGE);
}
