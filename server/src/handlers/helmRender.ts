/**
 * LSP glue for the Helm render service: renders a chart when one of its files is opened or
 * saved (only in a trusted workspace, only with a helm binary), answers "render now" requests,
 * and asks the server to republish the files whose rendered findings changed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DidSaveTextDocumentNotification, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { findChartRoot } from '../engine/classify';
import type { Project } from '../engine/project';
import type { ResolvedFinding } from '../engine/types';
import { fileUriToPath, pathToFileUri } from '../engine/uri';
import { findHelm, HelmRenderService } from '../helm/render';
import { RENDER_CHART_REQUEST, type RenderChartResult, type WorkspaceTrust } from '../protocol';
import type { HelmSettings } from '../settings';
import { toDiagnostic } from './convert';

/** What the server needs from the render glue. */
export interface HelmRenderHandle {
  /** Trust as the client reports it (`initializationOptions`, then the trust notification the server handles). */
  setTrusted(trusted: boolean): void;
  findingsFor(uri: string): ResolvedFinding[];
}

/** Wires the render service to the connection; `republish` re-lints an open document. */
export function attachHelmRender(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  project: Project,
  republish: (doc: TextDocument) => void,
): HelmRenderHandle {
  let trusted = false;
  let settings: HelmSettings = { path: '', valuesFiles: [] };
  const service = new HelmRenderService({
    helm: () => findHelm(settings.path || undefined),
    trusted: () => trusted,
    valuesFiles: (root) => chartValuesFiles(root, settings.valuesFiles, project.rootOf(root)),
    lintDoc: (templateFile, text) => project.lintRendered(templateFile, text),
  });
  service.onDidChange((files) => {
    for (const f of files) {
      const uri = pathToFileUri(f);
      const doc = documents.get(uri);
      if (doc) republish(doc);
      else void connection.sendDiagnostics({ uri, diagnostics: service.findingsFor(f).map((x) => toDiagnostic(x)) });
    }
  });
  const refresh = async () => {
    try {
      const s = (await connection.workspace.getConfiguration('shipshape.helm')) as Partial<HelmSettings> | null;
      settings = {
        path: typeof s?.path === 'string' ? s.path : '',
        valuesFiles: Array.isArray(s?.valuesFiles) ? s.valuesFiles.filter((x) => typeof x === 'string') : [],
      };
    } catch {
      // Clients without workspace/configuration keep the defaults.
    }
  };
  const chartOf = (uri: string) => {
    const p = fileUriToPath(uri);
    return p ? findChartRoot(p, project.probe) : undefined;
  };
  const renderFor = (uri: string) => {
    const root = chartOf(uri);
    if (!root || !trusted) return;
    void refresh()
      .then(() => service.render(root))
      .catch((e: unknown) => connection.console.error(`Shipshape could not render ${root}: ${String(e)}`));
  };
  let saveRegistered = false;
  const registerSave = () => {
    // Dynamic registration keeps the server's static capabilities untouched.
    if (saveRegistered) return;
    saveRegistered = true;
    void connection.client
      .register(DidSaveTextDocumentNotification.type, { documentSelector: [{ scheme: 'file' }], includeText: false })
      .catch(() => undefined);
  };
  const setTrusted = (value: boolean) => {
    trusted = value;
    if (!trusted) service.cancelAll();
    else for (const d of documents.all()) renderFor(d.uri);
  };
  connection.onRequest(RENDER_CHART_REQUEST, async (p: { uri: string }): Promise<RenderChartResult> => {
    const root = chartOf(p.uri);
    if (!root) return { rendered: undefined, reason: 'This file is not part of a Helm chart.' };
    if (!trusted) return { rendered: undefined, reason: 'Helm only runs in a trusted workspace.', chartRoot: root };
    await refresh();
    if (!findHelm(settings.path || undefined)) {
      return { rendered: undefined, reason: 'No helm binary found (set shipshape.helm.path).', chartRoot: root };
    }
    await service.render(root);
    return { rendered: service.renderedOutput(root), reason: 'The chart did not render; see its diagnostics.', chartRoot: root };
  });
  documents.onDidOpen((e) => {
    registerSave();
    renderFor(e.document.uri);
  });
  documents.onDidSave((e) => renderFor(e.document.uri));
  return {
    setTrusted,
    findingsFor: (uri) => {
      const p = fileUriToPath(uri);
      return p ? service.findingsFor(p) : [];
    },
  };
}

/**
 * The extra values files for one chart: each names a regular file inside the chart's workspace
 * folder (links resolved), else it is skipped. The setting can come from the workspace, which must
 * not make `helm` read files elsewhere on the machine.
 */
export function chartValuesFiles(chartRoot: string, names: readonly string[], workspaceFolder: string | undefined): string[] {
  if (!workspaceFolder) return [];
  const real = (p: string) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return undefined;
    }
  };
  const folder = real(workspaceFolder);
  if (!folder) return [];
  return names
    .map((f) => path.resolve(chartRoot, f))
    .filter((f) => {
      const r = real(f);
      if (!r) return false;
      const rel = path.relative(folder, r);
      if (rel.startsWith('..') || path.isAbsolute(rel)) return false;
      try {
        return fs.statSync(r).isFile();
      } catch {
        return false;
      }
    });
}

/** Reads the trust flag a client sends in `initializationOptions`. */
export function initialTrust(options: unknown): boolean {
  return (options as Partial<WorkspaceTrust> | null)?.workspaceTrusted === true;
}
