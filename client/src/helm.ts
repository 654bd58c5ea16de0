/**
 * "Shipshape: Show rendered manifest": asks the server to render the chart of the current file
 * (`helm template`, in a trusted workspace only) and shows the output as read-only YAML.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient, Middleware } from 'vscode-languageclient/node';
import { RENDER_CHART_REQUEST, type RenderChartResult } from '../../server/src/protocol';
import { RESTRICTED_MESSAGE } from './trust';

/** Scheme of the read-only rendered-manifest documents. */
export const RENDERED_SCHEME = 'shipshape-rendered';

/** The command id. */
export const SHOW_RENDERED_COMMAND = 'shipshape.showRenderedManifest';

/**
 * Keeps rendered manifests away from the language server: their findings are already shown,
 * mapped to the templates, and a virtual document has no file to fix.
 */
export const RENDERED_MIDDLEWARE: Middleware = {
  didOpen: (doc, next) => (doc.uri.scheme === RENDERED_SCHEME ? Promise.resolve() : next(doc)),
  didChange: (e, next) => (e.document.uri.scheme === RENDERED_SCHEME ? Promise.resolve() : next(e)),
  didClose: (doc, next) => (doc.uri.scheme === RENDERED_SCHEME ? Promise.resolve() : next(doc)),
};

/** The virtual document of a chart's rendered output. */
export function renderedUri(chartRoot: string): vscode.Uri {
  return vscode.Uri.from({ scheme: RENDERED_SCHEME, path: `/${path.basename(chartRoot)}/rendered.yaml`, query: chartRoot });
}

/** Registers the content provider and the command. */
export function registerRenderedManifest(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  const contents = new Map<string, string>();
  const changed = new vscode.EventEmitter<vscode.Uri>();
  context.subscriptions.push(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(RENDERED_SCHEME, {
      onDidChange: changed.event,
      provideTextDocumentContent: (uri) => contents.get(uri.toString()) ?? '# Run "Shipshape: Show rendered manifest" again.\n',
    }),
    vscode.commands.registerCommand(SHOW_RENDERED_COMMAND, async (arg?: vscode.Uri): Promise<vscode.Uri | undefined> => {
      const target = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
      if (!target || target.scheme !== 'file') {
        void vscode.window.showInformationMessage('Open a file of a Helm chart (a template, values.yaml or Chart.yaml) first.');
        return undefined;
      }
      if (!vscode.workspace.isTrusted) {
        const manage = 'Manage Workspace Trust';
        void vscode.window.showWarningMessage(RESTRICTED_MESSAGE, manage).then((pick) => {
          if (pick === manage) void vscode.commands.executeCommand('workbench.trust.manage');
        });
        return undefined;
      }
      const c = client();
      if (!c) return undefined;
      const res = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'Shipshape: rendering the chart' },
        () => c.sendRequest<RenderChartResult>(RENDER_CHART_REQUEST, { uri: target.toString() }),
      );
      if (res.rendered === undefined || !res.chartRoot) {
        const reason = res.reason ?? 'The chart did not render.';
        const settings = 'Open Settings';
        const actions = /helm binary/i.test(reason) ? [settings] : [];
        void vscode.window.showWarningMessage(`Shipshape: ${reason}`, ...actions).then((pick) => {
          if (pick === settings) void vscode.commands.executeCommand('workbench.action.openSettings', 'shipshape.helm.path');
        });
        return undefined;
      }
      const uri = renderedUri(res.chartRoot);
      contents.set(uri.toString(), res.rendered);
      changed.fire(uri);
      let doc = await vscode.workspace.openTextDocument(uri);
      if (doc.languageId !== 'yaml') doc = await vscode.languages.setTextDocumentLanguage(doc, 'yaml');
      await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.Beside });
      return uri;
    }),
  );
}
