/**
 * Live objects in VS Code: editing an object's YAML through a `shipshape-live:` file system
 * (saving reviews with a server-side apply dry-run and a diff, asks, then applies as field
 * manager `shipshape`; a save that is not applied fails, so the edit stays dirty), filters on the
 * explorer's lists, "Go to resource…", "Can I…?" and "Who can…?". The work is done by the cluster
 * module (plain Node, tested against the test API server); this file asks, confirms and shows.
 */
import * as vscode from 'vscode';
import type { ApiClient } from '../cluster/api';
import type { ListFilter } from '../cluster/filter';
import type { ClusterTree, TreeNode } from '../cluster/tree';
import type { EditReview, LiveTarget, ManifestProblem } from '../cluster/operations/index';
import { config, load, MemoryDocuments, showProblem } from './common';

/** The editable live objects' scheme. */
export const LIVE_SCHEME = 'shipshape-live';
const VIEW_SCHEME = 'shipshape-live-view';
const FILTERS_KEY = 'shipshape.explorer.filters';

/** What the explorer hands this module. */
export interface LiveAccess {
  tree(): Promise<ClusterTree>;
  /** The list filters by node id, shared with every tree the explorer builds. */
  readonly filters: Map<string, ListFilter>;
}

/** The URI of an object's editable YAML. */
export function liveUri(context: string, target: LiveTarget, decoded = false): vscode.Uri {
  const path = `/${encodeURIComponent(context)}/${target.namespace ? encodeURIComponent(target.namespace) : '_'}/${target.kind}/${encodeURIComponent(target.name)}.yaml`;
  const q = new URLSearchParams({ apiVersion: target.apiVersion });
  if (decoded) q.set('decoded', '1');
  return vscode.Uri.from({ scheme: LIVE_SCHEME, path, query: q.toString() });
}

function parseLiveUri(uri: vscode.Uri): { context: string; target: LiveTarget; decoded: boolean } {
  const [context, ns, kind, file] = uri.path.split('/').slice(1);
  const q = new URLSearchParams(uri.query);
  if (!context || !ns || !kind || !file?.endsWith('.yaml')) throw vscode.FileSystemError.FileNotFound(uri);
  return {
    context: decodeURIComponent(context),
    target: {
      apiVersion: q.get('apiVersion') ?? 'v1',
      kind,
      namespace: ns === '_' ? undefined : decodeURIComponent(ns),
      name: decodeURIComponent(file.slice(0, -'.yaml'.length)),
    },
    decoded: q.get('decoded') === '1',
  };
}

function what(t: LiveTarget): string {
  return `${t.kind} ${t.namespace ? `${t.namespace}/` : ''}${t.name}`;
}

interface Session {
  content: Uint8Array;
  mtime: number;
  resourceVersion?: string;
}

/** The `shipshape-live:` file system: one file per opened object. */
class LiveFileSystem implements vscode.FileSystemProvider {
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly access: LiveAccess,
    private readonly views: MemoryDocuments,
    private readonly diagnostics: vscode.DiagnosticCollection,
  ) {}

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  private async api(context: string): Promise<ApiClient> {
    return (await this.access.tree()).api(context);
  }

  private async session(uri: vscode.Uri): Promise<Session> {
    const known = this.sessions.get(uri.toString());
    if (known) return known;
    const { context, target, decoded } = parseLiveUri(uri);
    const [m, ops] = await load();
    try {
      const opened = await ops.openForEdit(await this.api(context), target, { decoded });
      const s: Session = { content: new TextEncoder().encode(opened.text), mtime: Date.now(), resourceVersion: opened.resourceVersion };
      this.sessions.set(uri.toString(), s);
      return s;
    } catch (e) {
      const p = m.toProblem(e);
      throw vscode.FileSystemError.Unavailable(`${p.message} ${p.hint}`);
    }
  }

  /** Forgets a closed document (a later open reads the object again). */
  forget(uri: vscode.Uri): void {
    this.sessions.delete(uri.toString());
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const s = await this.session(uri);
    return { type: vscode.FileType.File, ctime: s.mtime, mtime: s.mtime, size: s.content.byteLength };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return (await this.session(uri)).content;
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const { context, target, decoded } = parseLiveUri(uri);
    const session = await this.session(uri);
    const [m, ops] = await load();
    const text = new TextDecoder().decode(content);
    const api = await this.api(context);
    this.diagnostics.delete(uri);
    const review = (force: boolean): Promise<EditReview> =>
      Promise.resolve(
        vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `Server-side dry-run of ${what(target)} against ${context}…` },
          () => ops.reviewEdit(api, target, text, { decoded, resourceVersion: session.resourceVersion, force }),
        ),
      );
    const fail = (message: string): never => {
      throw vscode.FileSystemError.Unavailable(`Not applied: ${message} Your edit is kept; save again to retry.`);
    };
    let r: EditReview;
    try {
      r = await review(false);
      if (r.conflicts.length) {
        this.diagnostics.set(uri, await this.toDiagnostics(uri, r.problems));
        const managers = [...new Set(r.conflicts.map((c) => `"${c.manager}"`))].join(', ');
        const choice = await vscode.window.showWarningMessage(
          `${r.conflicts.length} field(s) of ${what(target)} are managed by ${managers} with other values (marked in the editor).`,
          {
            modal: true,
            detail: `Force makes "shipshape" their manager; ${managers} may set them back on its next apply.\n\n${r.conflicts.map((c) => c.field).join('\n')}`,
          },
          'Force',
        );
        if (choice !== 'Force') return fail('the change conflicts with other field managers (see Problems).');
        r = await review(true);
      }
    } catch (e) {
      const p = m.toProblem(e);
      return fail(`${p.message} ${p.hint}`);
    }
    if (r.problems.length) {
      this.diagnostics.set(uri, await this.toDiagnostics(uri, r.problems));
      return fail(r.problems[0].message);
    }
    this.diagnostics.delete(uri);
    const left = this.views.put(`live ${target.name}.yaml`, r.liveText);
    const right = this.views.put(`dry-run ${target.name}.yaml`, r.dryRunText);
    await vscode.commands.executeCommand('vscode.diff', left, right, `${what(target)}: live ↔ dry-run (${context})`, {
      preview: true,
      preserveFocus: true,
    });
    if (!r.changed) {
      session.content = content;
      session.mtime = Date.now();
      void vscode.window.showInformationMessage(`${what(target)} already matches the live object in ${context}; nothing to apply.`);
      return;
    }
    const notes = [
      r.changedOnServer
        ? `It changed on the server since you opened it (resourceVersion ${r.changedOnServer.from} → ${r.changedOnServer.to}); the diff shows the live object now.`
        : '',
      r.forced ? 'Conflicting fields are forced: "shipshape" becomes their manager.' : '',
      'Server-side apply as field manager "shipshape".',
    ].filter(Boolean);
    const pattern = config().get<string>('cluster.productionContextPattern') ?? ops.DEFAULT_PRODUCTION_PATTERN;
    const ok = await ops.confirmAll(ops.confirmations('Apply', what(target), context, pattern, notes.join('\n\n')), (q) =>
      Promise.resolve(vscode.window.showWarningMessage(q.message, { modal: true, detail: q.detail }, q.button)),
    );
    if (!ok) return fail('cancelled.');
    let applied;
    try {
      applied = await ops.applyEdit(api, r);
    } catch (e) {
      const p = m.toProblem(e);
      return fail(`${p.message} ${p.hint}`);
    }
    session.resourceVersion = applied.metadata.resourceVersion;
    session.content = new TextEncoder().encode(
      ops.editableText(
        { ...applied, apiVersion: applied.apiVersion ?? target.apiVersion, kind: applied.kind ?? target.kind },
        target,
        context,
        decoded,
      ),
    );
    session.mtime = Date.now();
    void vscode.window.showInformationMessage(`Applied ${what(target)} to ${context}.`);
    // The editor reloads what the server stored (defaults, other managers' fields).
    setTimeout(() => this.emitter.fire([{ type: vscode.FileChangeType.Changed, uri }]), 0);
  }

  private async toDiagnostics(uri: vscode.Uri, problems: ManifestProblem[]): Promise<vscode.Diagnostic[]> {
    const doc = await vscode.workspace.openTextDocument(uri);
    return problems.map((p) => {
      const d = new vscode.Diagnostic(
        new vscode.Range(doc.positionAt(p.start), doc.positionAt(p.end)),
        p.message,
        vscode.DiagnosticSeverity.Error,
      );
      d.source = 'shipshape';
      d.code = `apply/${p.source}`;
      return d;
    });
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }
  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
}

/** Registers live editing, list filters, "Go to resource…" and the access checks. */
export function registerLive(context: vscode.ExtensionContext, access: LiveAccess): void {
  const views = new MemoryDocuments(VIEW_SCHEME, 50);
  const diagnostics = vscode.languages.createDiagnosticCollection('shipshape-live');
  const fs = new LiveFileSystem(access, views, diagnostics);
  for (const [id, f] of Object.entries(context.workspaceState.get<Record<string, ListFilter>>(FILTERS_KEY) ?? {}))
    access.filters.set(id, f);

  const showError = showProblem;

  const currentContext = async (node?: TreeNode): Promise<string | undefined> => {
    const ctx = node?.ref?.context || (await access.tree()).roots()[0]?.ref?.context;
    if (!ctx) void vscode.window.showWarningMessage('No Kubernetes context: check the kubeconfig.');
    return ctx;
  };

  /** The object of a tree node, with its apiVersion from discovery when the list did not carry it. */
  const targetOf = async (node: TreeNode): Promise<{ context: string; target: LiveTarget } | undefined> => {
    const r = node.ref;
    if (!r?.kind || !r.name || r.key || r.container || r.kind === 'HelmRelease') return undefined;
    const [m, ops] = await load();
    const api = (await access.tree()).api(r.context);
    const k = await ops.resolveKind(api, r.kind, r.object?.apiVersion);
    return {
      context: r.context,
      target: { apiVersion: m.apiVersionOf(k), kind: r.kind, namespace: k.namespaced ? r.namespace : undefined, name: r.name },
    };
  };

  const goTo = async (node?: TreeNode): Promise<{ context: string; target: LiveTarget } | undefined> => {
    const ctx = await currentContext(node);
    if (!ctx) return undefined;
    const [, ops] = await load();
    const tree = await access.tree();
    const ns = node?.ref?.namespace;
    const picker = vscode.window.createQuickPick<vscode.QuickPickItem & { target?: LiveTarget }>();
    picker.title = `Go to resource in ${ctx}${ns ? ` / ${ns}` : ' (all namespaces)'}`;
    picker.placeholder = 'Type a name, a kind or a namespace';
    picker.matchOnDescription = true;
    picker.busy = true;
    picker.show();
    try {
      const { items, problems } = await ops.resourcesAcrossKinds(tree.api(ctx), ns);
      picker.items = items
        .sort((a, b) => a.name.localeCompare(b.name) || a.kind.localeCompare(b.kind))
        .map((i) => ({ label: i.name, description: `${i.kind}${i.namespace ? ` · ${i.namespace}` : ''}`, target: i }));
      if (problems.length) picker.placeholder = `${problems.length} kind(s) could not be listed: ${problems[0]}`;
    } catch (e) {
      picker.hide();
      await showError(e);
      return undefined;
    }
    picker.busy = false;
    const pick = await new Promise<(vscode.QuickPickItem & { target?: LiveTarget }) | undefined>((resolve) => {
      picker.onDidAccept(() => resolve(picker.selectedItems[0]));
      picker.onDidHide(() => resolve(undefined));
    });
    picker.dispose();
    return pick?.target ? { context: ctx, target: pick.target } : undefined;
  };

  const open = async (context: string, target: LiveTarget, decoded = false): Promise<void> => {
    const doc = await vscode.workspace.openTextDocument(liveUri(context, target, decoded));
    if (doc.languageId !== 'yaml') await vscode.languages.setTextDocumentLanguage(doc, 'yaml');
    await vscode.window.showTextDocument(doc, { preview: false });
  };

  const saveFilters = (): Thenable<void> => context.workspaceState.update(FILTERS_KEY, Object.fromEntries(access.filters));

  const filterNode = async (node: TreeNode | undefined, filter: ListFilter | undefined): Promise<void> => {
    if (!node) return;
    const tree = await access.tree();
    tree.setFilter(node, filter);
    await saveFilters();
  };

  context.subscriptions.push(
    diagnostics,
    vscode.workspace.registerFileSystemProvider(LIVE_SCHEME, fs, { isCaseSensitive: true }),
    vscode.workspace.registerTextDocumentContentProvider(VIEW_SCHEME, views),
    vscode.workspace.onDidCloseTextDocument((d) => {
      if (d.uri.scheme === LIVE_SCHEME) {
        fs.forget(d.uri);
        diagnostics.delete(d.uri);
      }
    }),
    vscode.commands.registerCommand('shipshape.editLive', async (node?: TreeNode) => {
      try {
        const t = node ? await targetOf(node) : await goTo();
        if (t) await open(t.context, t.target);
      } catch (e) {
        await showError(e);
      }
    }),
    vscode.commands.registerCommand('shipshape.editSecretDecoded', async (node?: TreeNode) => {
      try {
        const t = node ? await targetOf(node) : await goTo();
        if (!t) return;
        if (t.target.kind !== 'Secret') return void vscode.window.showInformationMessage('Decoded editing is for Secrets.');
        const ok = await vscode.window.showWarningMessage(
          `Show the decoded values of Secret ${t.target.namespace}/${t.target.name} (context ${t.context}) in an editor?`,
          { modal: true, detail: 'They are re-encoded into data when you save.' },
          'Show decoded',
        );
        if (ok === 'Show decoded') await open(t.context, t.target, true);
      } catch (e) {
        await showError(e);
      }
    }),
    vscode.commands.registerCommand('shipshape.goToResource', async (node?: TreeNode) => {
      try {
        const t = await goTo(node);
        if (t) await open(t.context, t.target);
      } catch (e) {
        await showError(e);
      }
    }),
    vscode.commands.registerCommand('shipshape.explorer.filter', async (node?: TreeNode) => {
      if (!node?.view.contextValue.startsWith('kind.'))
        return void vscode.window.showInformationMessage('Pick a list (such as Pods) in the Shipshape cluster explorer to filter it.');
      const [m] = await load();
      const current = access.filters.get(node.view.id);
      const text = await vscode.window.showInputBox({
        title: `Filter ${node.view.label}`,
        prompt: 'Name words, label terms (app=web, tier!=db) and one status (is:not-ready, is:restarting, is:failing). Empty clears.',
        value: current ? m.formatFilter(current) : '',
        placeHolder: 'web app=api is:not-ready',
        validateInput: (v) => {
          try {
            m.parseFilter(v);
            return undefined;
          } catch (e) {
            return e instanceof Error ? e.message : String(e);
          }
        },
      });
      if (text === undefined) return;
      await filterNode(node, m.parseFilter(text));
    }),
    vscode.commands.registerCommand('shipshape.explorer.clearFilter', async (node?: TreeNode) => filterNode(node, undefined)),
    vscode.commands.registerCommand('shipshape.canI', async (node?: TreeNode) => {
      const ctx = await currentContext(node);
      if (!ctx) return;
      const [m, ops] = await load();
      const tree = await access.tree();
      const api = tree.api(ctx);
      try {
        const verb = await vscode.window.showQuickPick([...ops.ACCESS_VERBS], { title: `Can I… (context ${ctx}): verb` });
        if (!verb) return;
        const groups = await m.discoveryOf(api).preferred();
        const core = (await m.discoveryOf(api).resourcesOf('v1')) ?? [];
        const resources = [...core, ...[...groups.values()].flat()].map((r) => ({
          label: r.plural,
          description: r.group || 'core',
          detail: `${r.kind}${r.namespaced ? '' : ' (cluster-scoped)'}`,
          r,
        }));
        const pick = await vscode.window.showQuickPick(resources, {
          title: `Can I ${verb}…`,
          matchOnDescription: true,
          matchOnDetail: true,
        });
        if (!pick) return;
        let ns: string | undefined;
        if (pick.r.namespaced) {
          ns = await vscode.window.showInputBox({
            title: `Can I ${verb} ${pick.r.plural}: in which namespace?`,
            value: node?.ref?.namespace ?? tree.namespaceOf(ctx),
            prompt: 'Empty: in every namespace',
          });
          if (ns === undefined) return;
        }
        const a = await ops.canI(api, { verb, group: pick.r.group, resource: pick.r.plural, namespace: ns || undefined });
        const where = pick.r.namespaced ? (ns ? ` in namespace ${ns}` : ' in all namespaces') : '';
        const text = `${a.allowed ? 'Yes' : 'No'}: you ${a.allowed ? 'can' : 'cannot'} ${verb} ${pick.r.plural}${pick.r.group ? `.${pick.r.group}` : ''}${where} (context ${ctx}).${a.reason ? ` ${a.reason}` : ''}${a.evaluationError ? ` (${a.evaluationError})` : ''}`;
        if (a.allowed) void vscode.window.showInformationMessage(text);
        else void vscode.window.showWarningMessage(text);
      } catch (e) {
        await showError(e);
      }
    }),
    vscode.commands.registerCommand('shipshape.whoCan', async (node?: TreeNode) => {
      try {
        const t = node ? await targetOf(node) : await goTo();
        if (!t) return;
        const [, ops] = await load();
        const api = (await access.tree()).api(t.context);
        const k = await ops.resolveKind(api, t.target.kind, t.target.apiVersion);
        const w = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `Who can act on ${what(t.target)}…` },
          () => ops.whoCan(api, { group: k.group, resource: k.plural, namespace: t.target.namespace, name: t.target.name }),
        );
        const uri = views.put(`Who can ${t.target.kind} ${t.target.name}.md`, ops.whoCanMarkdown(what(t.target), t.context, w));
        await vscode.commands.executeCommand('markdown.showPreview', uri);
      } catch (e) {
        await showError(e);
      }
    }),
  );
}
