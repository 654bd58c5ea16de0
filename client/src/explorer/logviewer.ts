/**
 * The log viewer: a followed log as a read-only document (scheme `shipshape-logs`), so the editor's
 * own selection, copy, find and scrolling work on it, with decorations for what a terminal cannot
 * do: filter matches highlighted and the other lines dimmed (or hidden), a colour per pod when a
 * workload's pods are merged, notices in italics. Its toolbar filters, jumps between matches,
 * toggles timestamps, re-reads from a chosen "since", copies the selected lines, saves to a file and
 * stops following. The buffer, filter and rendering are plain logic in cluster/logview.ts; the
 * streams (back-off, reconnect without duplicates, the stream cap) are cluster/logs.ts.
 */
import * as vscode from 'vscode';
import type { ApiClient } from '../cluster/api';
import type { LogOptions, LogScope, MergedLogs } from '../cluster/logs';
import type { FilterSpec, LogBuffer, LogFilter, RenderedLog } from '../cluster/logview';

type ClusterModule = typeof import('../cluster/index.js');

/** The log documents' scheme. */
export const LOG_SCHEME = 'shipshape-logs';

/** Redraws at most this often while lines stream in. */
const RENDER_INTERVAL_MS = 150;

/** Pod colours: the terminal's palette, so themes keep them readable. */
const PALETTE = [
  'terminal.ansiCyan',
  'terminal.ansiMagenta',
  'terminal.ansiYellow',
  'terminal.ansiGreen',
  'terminal.ansiBlue',
  'terminal.ansiRed',
];

/** One open log view. */
class LogSession {
  logs: MergedLogs | undefined;
  filter: LogFilter | undefined;
  timestamps: boolean;
  sinceLabel: string;
  rendered: RenderedLog;
  following = true;
  /** The text the document was last told to show. */
  shownText = '';
  private timer: NodeJS.Timeout | undefined;
  private renderedVersion = -1;

  constructor(
    readonly uri: vscode.Uri,
    readonly title: string,
    readonly m: ClusterModule,
    readonly api: ApiClient,
    readonly scope: LogScope,
    public opts: LogOptions,
    readonly buffer: LogBuffer,
    private readonly onRendered: (s: LogSession) => void,
  ) {
    this.timestamps = opts.timestamps ?? false;
    this.sinceLabel = opts.sinceTime
      ? `since ${opts.sinceTime}`
      : opts.sinceSeconds
        ? `the last ${opts.sinceSeconds}s`
        : opts.tailLines !== undefined
          ? `the last ${opts.tailLines} lines`
          : 'everything';
    this.rendered = this.render();
  }

  /** Starts (or restarts, after a new "since") the streams; lines go to the buffer. */
  async follow(): Promise<void> {
    this.logs?.stop();
    this.following = !this.opts.previous;
    const sink = {
      line: (l: Parameters<LogBuffer['line']>[0]) => {
        if (this.logs === logs) this.buffer.line(l);
        this.schedule();
      },
      notice: (n: Parameters<LogBuffer['notice']>[0]) => {
        if (this.logs === logs) this.buffer.notice(n);
        this.schedule();
      },
    };
    // Timestamps are always kept with the lines (the view toggles them); the stream hands on bare text.
    const logs = new this.m.MergedLogs(this.api, this.scope, { ...this.opts, follow: !this.opts.previous, timestamps: false }, sink);
    this.logs = logs;
    this.schedule();
    await logs.start();
  }

  stop(): void {
    this.following = false;
    this.logs?.stop();
    this.schedule();
  }

  dispose(): void {
    this.logs?.stop();
    this.logs = undefined;
    if (this.timer) clearTimeout(this.timer);
  }

  /** Renders soon (batched while lines stream in). */
  schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.redraw(false);
    }, RENDER_INTERVAL_MS);
  }

  /** Renders now; `force` after a change of filter or timestamps (the buffer's version is unchanged). */
  redraw(force: boolean): void {
    if (!force && this.buffer.version === this.renderedVersion) return this.onRendered(this);
    this.rendered = this.render();
    this.onRendered(this);
  }

  private render(): RenderedLog {
    this.renderedVersion = this.buffer.version;
    return this.m.renderLog(this.buffer, {
      timestamps: this.timestamps,
      prefix: this.scope.kind !== 'container',
      filter: this.filter,
      maxLinesSetting: 'shipshape.logs.maxLines',
    });
  }

  /** The status bar's text for this view. */
  status(): string {
    const r = this.rendered;
    const lines = r.lines.filter((l) => l.kind === 'line').length;
    const parts = [
      this.filter
        ? `$(filter) ${this.m.filterInputText(this.filter.spec)}: ${r.matchLines.length} matching${this.filter.spec.mode === 'hide' ? ` (${r.hidden} hidden)` : ` of ${lines}`}`
        : `${lines} lines`,
      this.sinceLabel,
      this.timestamps ? 'timestamps' : '',
      // A pod's or container's streams end with it (pod gone, container done); a workload's wait for new pods.
      this.following && (this.scope.kind === 'selector' || (this.logs?.targets().length ?? 0) > 0) ? '$(sync~spin) following' : 'stopped',
    ];
    return parts.filter(Boolean).join(' · ');
  }
}

/** Opens log views and serves their documents. */
export class LogViewer implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly sessions = new Map<string, LogSession>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly statusItem = vscode.window.createStatusBarItem('shipshape.logView', vscode.StatusBarAlignment.Left, 7);
  private readonly matchDeco = vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor('editor.findMatchHighlightBackground'),
    borderColor: new vscode.ThemeColor('editor.findMatchHighlightBorder'),
    borderStyle: 'solid',
    borderWidth: '1px',
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.findMatchForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Center,
  });
  private readonly dimDeco = vscode.window.createTextEditorDecorationType({ opacity: '0.45' });
  private readonly noticeDeco = vscode.window.createTextEditorDecorationType({
    fontStyle: 'italic',
    color: new vscode.ThemeColor('descriptionForeground'),
  });
  private readonly sourceDecos = PALETTE.map((c) =>
    vscode.window.createTextEditorDecorationType({ color: new vscode.ThemeColor(c), fontWeight: 'bold' }),
  );
  private seq = 0;

  constructor() {
    this.statusItem.name = 'Shipshape log view';
    this.statusItem.command = 'shipshape.logs.filter';
    this.statusItem.tooltip = 'Filter this log (text, or /regex/)';
    this.disposables.push(
      vscode.workspace.registerTextDocumentContentProvider(LOG_SCHEME, this),
      this.changed,
      this.statusItem,
      this.matchDeco,
      this.dimDeco,
      this.noticeDeco,
      ...this.sourceDecos,
      vscode.workspace.onDidChangeTextDocument((e) => {
        const s = this.sessions.get(e.document.uri.toString());
        if (s) for (const ed of vscode.window.visibleTextEditors) if (ed.document === e.document) this.decorate(ed, s, true);
      }),
      vscode.window.onDidChangeVisibleTextEditors((eds) => {
        for (const ed of eds) {
          const s = this.sessions.get(ed.document.uri.toString());
          if (s) this.decorate(ed, s, false);
        }
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.showStatus()),
      // A view whose tab is closed stops following (the document itself may linger in memory).
      vscode.window.tabGroups.onDidChangeTabs((e) => {
        if (e.closed.length) this.closeOrphans();
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.close(d.uri.toString())),
    );
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.sessions.get(uri.toString())?.rendered.text ?? '(this log view was closed)\n';
  }

  /** Opens a view following `scope`; resolves once the streams have started. */
  async open(m: ClusterModule, api: ApiClient, scope: LogScope, opts: LogOptions, title: string): Promise<vscode.TextEditor> {
    const maxLines = Math.max(100, Math.floor(vscode.workspace.getConfiguration('shipshape').get<number>('logs.maxLines') ?? 10_000));
    const uri = vscode.Uri.from({
      scheme: LOG_SCHEME,
      path: `/${title.replace(/^logs: /, '').replace(/[/\\:]/g, '-')}.log`,
      query: String(++this.seq),
    });
    const session = new LogSession(uri, title, m, api, scope, opts, new m.LogBuffer(maxLines), (s) => this.rendered(s));
    this.sessions.set(uri.toString(), session);
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    this.showStatus();
    await session.follow();
    return editor;
  }

  /** The session of the active editor, or of `uri`. */
  session(uri?: unknown): LogSession | undefined {
    if (uri instanceof vscode.Uri) return this.sessions.get(uri.toString());
    const active = vscode.window.activeTextEditor?.document.uri;
    return active ? this.sessions.get(active.toString()) : undefined;
  }

  /** The text a view shows now (what Save writes). */
  text(uri?: unknown): string | undefined {
    return this.session(uri)?.rendered.text;
  }

  /** Sets (or, with undefined, clears) the filter of a view. */
  setFilter(s: LogSession, spec: FilterSpec | undefined): string | undefined {
    if (!spec) {
      s.filter = undefined;
    } else {
      const c = s.m.compileFilter(spec);
      if (!c.ok) return c.error;
      s.filter = c.filter;
    }
    s.redraw(true);
    return undefined;
  }

  setTimestamps(s: LogSession, on: boolean): void {
    s.timestamps = on;
    s.redraw(true);
  }

  /** Re-reads the log from a new starting point (the buffer is emptied first). */
  async setSince(s: LogSession, since: { sinceSeconds?: number; sinceTime?: string }, label: string): Promise<void> {
    s.opts = { ...s.opts, tailLines: undefined, sinceSeconds: since.sinceSeconds, sinceTime: since.sinceTime, previous: false };
    s.sinceLabel = label;
    s.buffer.clear();
    await s.follow();
  }

  /** Moves the cursor of `editor` to the next (previous) match; false when nothing matches. */
  jump(editor: vscode.TextEditor, s: LogSession, direction: 1 | -1): boolean {
    const line = s.m.nextMatch(s.rendered.matchLines, editor.selection.active.line, direction);
    if (line === undefined) return false;
    const [start, end] = s.rendered.lines[line].matches[0] ?? [0, 0];
    editor.selection = new vscode.Selection(line, start, line, end);
    editor.revealRange(new vscode.Range(line, 0, line, end), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return true;
  }

  stop(s: LogSession): void {
    s.stop();
  }

  dispose(): void {
    for (const s of this.sessions.values()) s.dispose();
    this.sessions.clear();
    for (const d of this.disposables) d.dispose();
  }

  private rendered(s: LogSession): void {
    if (s.rendered.text !== s.shownText) {
      // The editors redecorate when the document has taken the new text.
      s.shownText = s.rendered.text;
      this.changed.fire(s.uri);
    } else {
      // Same text (a filter in highlight mode): only the decorations change.
      for (const ed of vscode.window.visibleTextEditors) if (ed.document.uri.toString() === s.uri.toString()) this.decorate(ed, s, false);
    }
    this.showStatus();
  }

  private decorate(editor: vscode.TextEditor, s: LogSession, grew: boolean): void {
    const r = s.rendered;
    const matches: vscode.Range[] = [];
    const dim: vscode.Range[] = [];
    const notices: vscode.Range[] = [];
    const bySource: vscode.Range[][] = PALETTE.map(() => []);
    const count = Math.min(r.lines.length, editor.document.lineCount);
    for (let i = 0; i < count; i++) {
      const l = r.lines[i];
      if (l.kind !== 'line') {
        notices.push(editor.document.lineAt(i).range);
        continue;
      }
      if (l.prefixLength && l.source !== undefined) bySource[l.source % PALETTE.length].push(new vscode.Range(i, 0, i, l.prefixLength - 1));
      for (const [a, b] of l.matches) matches.push(new vscode.Range(i, a, i, b));
      if (s.filter && !l.matched) dim.push(editor.document.lineAt(i).range);
    }
    editor.setDecorations(this.matchDeco, matches);
    editor.setDecorations(this.dimDeco, dim);
    editor.setDecorations(this.noticeDeco, notices);
    this.sourceDecos.forEach((d, i) => editor.setDecorations(d, bySource[i]));
    // Keep the end in view while following, unless the user moved the cursor up to read.
    if (grew && s.following && !s.filter && editor.selection.isEmpty) {
      const last = Math.max(0, editor.document.lineCount - 1);
      const visible = editor.visibleRanges.at(-1);
      if (!visible || visible.end.line >= last - 50)
        editor.revealRange(new vscode.Range(last, 0, last, 0), vscode.TextEditorRevealType.Default);
    }
  }

  private showStatus(): void {
    const s = this.session();
    if (!s) return this.statusItem.hide();
    this.statusItem.text = s.status();
    this.statusItem.show();
  }

  private closeOrphans(): void {
    const open = new Set<string>();
    for (const g of vscode.window.tabGroups.all)
      for (const t of g.tabs)
        if (t.input instanceof vscode.TabInputText && t.input.uri.scheme === LOG_SCHEME) open.add(t.input.uri.toString());
    for (const k of [...this.sessions.keys()]) if (!open.has(k)) this.close(k);
  }

  private close(key: string): void {
    const s = this.sessions.get(key);
    if (!s) return;
    s.dispose();
    this.sessions.delete(key);
    this.showStatus();
  }
}

/** Why what was typed in the filter box cannot run (undefined when it can, or when it is empty: that clears the filter). */
function filterProblem(m: ClusterModule, input: string, mode: FilterSpec['mode']): string | undefined {
  if (!input) return undefined;
  const c = m.compileFilter(m.parseFilterInput(input, mode));
  return c.ok ? undefined : c.error;
}

const SINCE_PICKS = [
  { label: '5 minutes', value: '5m' },
  { label: '15 minutes', value: '15m' },
  { label: '1 hour', value: '1h' },
  { label: '6 hours', value: '6h' },
  { label: '24 hours', value: '24h' },
  { label: 'Everything', value: 'all' },
  { label: 'Other duration or time…', value: '' },
];

/**
 * Registers the viewer and its commands (they act on the active log view, or on the one whose
 * toolbar was clicked). Arguments let keybindings and tests skip the prompts: `shipshape.logs.filter`
 * takes the text as typed (`/regex/` or plain) and optionally `"hide"`; `shipshape.logs.since` takes
 * `5m`, `1h`, an RFC 3339 time or `all`.
 */
export function registerLogViewer(context: vscode.ExtensionContext, load: () => Promise<ClusterModule>): LogViewer {
  const viewer = new LogViewer();
  const withSession = (fn: (s: LogSession, editor: vscode.TextEditor | undefined, ...args: unknown[]) => unknown) => {
    return (...args: unknown[]): unknown => {
      const s = viewer.session(args[0]);
      if (!s) return void vscode.window.showInformationMessage('Open a log view first (Follow Logs in the Shipshape cluster explorer).');
      const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === s.uri.toString());
      return fn(s, editor, ...(args[0] instanceof vscode.Uri ? args.slice(1) : args));
    };
  };
  context.subscriptions.push(
    viewer,
    vscode.commands.registerCommand(
      'shipshape.logs.filter',
      withSession(async (s, _e, given, mode) => {
        const m = await load();
        const hide = mode === 'hide' || (mode === undefined && s.filter?.spec.mode === 'hide');
        const modeOf = hide ? 'hide' : 'highlight';
        const input =
          typeof given === 'string'
            ? given
            : await vscode.window.showInputBox({
                title: `Filter ${s.title}`,
                prompt: 'Text to find (ignoring case), or /regex/ (RE2 syntax; /regex/i ignores case). Empty clears the filter.',
                value: s.filter ? m.filterInputText(s.filter.spec) : '',
                validateInput: (v) => filterProblem(m, v, modeOf),
              });
        if (input === undefined) return;
        const error = viewer.setFilter(s, input ? m.parseFilterInput(input, modeOf) : undefined);
        if (error) void vscode.window.showWarningMessage(error);
      }),
    ),
    vscode.commands.registerCommand(
      'shipshape.logs.clearFilter',
      withSession((s) => viewer.setFilter(s, undefined)),
    ),
    vscode.commands.registerCommand(
      'shipshape.logs.toggleHideUnmatched',
      withSession((s) => {
        if (!s.filter) return void vscode.window.showInformationMessage('Set a filter first.');
        viewer.setFilter(s, { ...s.filter.spec, mode: s.filter.spec.mode === 'hide' ? 'highlight' : 'hide' });
      }),
    ),
    vscode.commands.registerCommand(
      'shipshape.logs.nextMatch',
      withSession((s, e) => (e && viewer.jump(e, s, 1)) || void vscode.window.setStatusBarMessage('No matching line', 2000)),
    ),
    vscode.commands.registerCommand(
      'shipshape.logs.previousMatch',
      withSession((s, e) => (e && viewer.jump(e, s, -1)) || void vscode.window.setStatusBarMessage('No matching line', 2000)),
    ),
    vscode.commands.registerCommand(
      'shipshape.logs.toggleTimestamps',
      withSession((s) => viewer.setTimestamps(s, !s.timestamps)),
    ),
    vscode.commands.registerCommand(
      'shipshape.logs.since',
      withSession(async (s, _e, given) => {
        const m = await load();
        let text =
          typeof given === 'string' ? given : (await vscode.window.showQuickPick(SINCE_PICKS, { title: `Read ${s.title} since…` }))?.value;
        if (text === undefined) return;
        if (!text)
          text = await vscode.window.showInputBox({
            title: `Read ${s.title} since…`,
            prompt: 'A duration (90s, 5m, 1h30m, 2d) or an RFC 3339 time (2026-12-07T10:00:00Z)',
            validateInput: (v) => {
              const p = m.parseSince(v);
              return p.ok ? undefined : p.error;
            },
          });
        if (text === undefined) return;
        const p = m.parseSince(text);
        if (!p.ok) return void vscode.window.showWarningMessage(p.error);
        await viewer.setSince(s, p.since, p.label);
      }),
    ),
    vscode.commands.registerCommand(
      'shipshape.logs.copy',
      withSession(async (s, e) => {
        const lines = s.rendered.text.split('\n');
        let text = s.rendered.text;
        if (e && !e.selection.isEmpty) {
          const from = e.selection.start.line;
          const to = e.selection.end.character === 0 && e.selection.end.line > from ? e.selection.end.line - 1 : e.selection.end.line;
          text = lines.slice(from, to + 1).join('\n') + '\n';
        }
        await vscode.env.clipboard.writeText(text);
        vscode.window.setStatusBarMessage(`Copied ${text.split('\n').length - 1} log lines`, 3000);
      }),
    ),
    vscode.commands.registerCommand(
      'shipshape.logs.save',
      withSession(async (s, _e, given) => {
        const target =
          given instanceof vscode.Uri
            ? given
            : await vscode.window.showSaveDialog({
                title: `Save ${s.title}`,
                defaultUri: vscode.workspace.workspaceFolders?.[0]
                  ? vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, s.uri.path.slice(1))
                  : undefined,
                filters: { Logs: ['log', 'txt'] },
              });
        if (!target) return;
        await vscode.workspace.fs.writeFile(target, Buffer.from(s.rendered.text, 'utf8'));
        vscode.window.setStatusBarMessage(`Saved ${s.title} to ${target.fsPath}`, 3000);
      }),
    ),
    vscode.commands.registerCommand(
      'shipshape.logs.stop',
      withSession((s) => viewer.stop(s)),
    ),
  );
  return viewer;
}
