/**
 * "Shipshape: Kustomize Build": asks the server to build the overlay of the current file or the
 * picked folder, shows the output as a read-only YAML document (which the manifest rules lint
 * like any manifest), puts the findings mapped to the overlay's files on those files, and offers
 * to apply the output with the reviewed dry-run diff.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { BUILD_KUSTOMIZATION_REQUEST, type BuildKustomizationResult } from '../../server/src/protocol';

/** Scheme of the read-only build outputs. */
export const KUSTOMIZE_SCHEME = 'shipshape-kustomize';

/** The command id. */
export const KUSTOMIZE_BUILD_COMMAND = 'shipshape.kustomizeBuild';

const SEVERITY: Record<string, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** Registers the content provider, the diagnostics of mapped findings and the command. */
export function registerKustomize(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  const outputs = new Map<string, string>();
  const changed = new vscode.EventEmitter<vscode.Uri>();
  const mapped = vscode.languages.createDiagnosticCollection('shipshape-kustomize');
  context.subscriptions.push(
    changed,
    mapped,
    vscode.workspace.registerTextDocumentContentProvider(KUSTOMIZE_SCHEME, {
      onDidChange: changed.event,
      provideTextDocumentContent: (uri) => outputs.get(uri.toString()) ?? '# Run "Shipshape: Kustomize Build" again.\n',
    }),
    vscode.commands.registerCommand(KUSTOMIZE_BUILD_COMMAND, async (arg?: vscode.Uri): Promise<vscode.Uri | undefined> => {
      const target = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
      if (!target || target.scheme !== 'file') {
        void vscode.window.showInformationMessage('Open a kustomization.yaml (or a file of its overlay) first.');
        return undefined;
      }
      const c = client();
      if (!c) return undefined;
      const res = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'Shipshape: building the overlay' },
        () => c.sendRequest<BuildKustomizationResult>(BUILD_KUSTOMIZATION_REQUEST, { uri: target.toString() }),
      );
      if (res.output === undefined || !res.overlay) {
        void vscode.window.showWarningMessage(`Shipshape: ${res.problems.join(' ') || 'The overlay did not build.'}`);
        return undefined;
      }
      const byFile = new Map<string, vscode.Diagnostic[]>();
      for (const f of res.findings) {
        const d = new vscode.Diagnostic(
          new vscode.Range(f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character),
          `${f.message} (in the kustomize build of ${vscode.workspace.asRelativePath(res.overlay)})`,
          SEVERITY[f.severity],
        );
        d.source = 'shipshape';
        d.code = f.code;
        byFile.set(f.uri, [...(byFile.get(f.uri) ?? []), d]);
      }
      mapped.clear();
      for (const [uri, ds] of byFile) mapped.set(vscode.Uri.parse(uri), ds);
      const uri = vscode.Uri.from({
        scheme: KUSTOMIZE_SCHEME,
        path: `/${vscode.workspace.asRelativePath(res.overlay)}/build.yaml`,
        query: res.overlay,
      });
      const header = `# kustomize build of ${vscode.workspace.asRelativePath(res.overlay)} (${res.builtWith})${res.problems.map((p) => `\n# problem: ${p}`).join('')}\n`;
      outputs.set(uri.toString(), header + res.output);
      changed.fire(uri);
      let doc = await vscode.workspace.openTextDocument(uri);
      if (doc.languageId !== 'yaml') doc = await vscode.languages.setTextDocumentLanguage(doc, 'yaml');
      await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.Beside });
      const apply = 'Apply to Cluster…';
      const note = `${res.findings.length} finding(s) placed on the overlay's files${res.unmapped ? `, ${res.unmapped} on the output only` : ''}.`;
      void vscode.window
        .showInformationMessage(`Built ${vscode.workspace.asRelativePath(res.overlay)} with ${res.builtWith}. ${note}`, apply)
        .then(async (pick) => {
          if (pick !== apply) return;
          await vscode.window.showTextDocument(doc, { preview: false });
          await vscode.commands.executeCommand('shipshape.applyToCluster');
        });
      return uri;
    }),
  );
}
