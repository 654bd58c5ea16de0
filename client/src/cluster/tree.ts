/**
 * The explorer's tree as plain data (no `vscode`): contexts → namespaces → kinds → objects,
 * workloads → pods → containers, Secrets → keys (values never included), Helm releases, custom
 * resources by API group, and message nodes for failures. Open kind nodes are kept live by a
 * {@link LiveCollection}; `onChange` names the node to redraw.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { ApiClient, type KubeObject } from './api';
import { ApiError, toProblem, type ClusterProblem } from './errors';
import { latestReleases } from './helm';
import { BUILTIN_KINDS, NAMESPACE_KIND, WORKLOAD_KINDS, apiVersionOf, collectionPath, discoverCustomKinds, type KindInfo } from './kinds';
import { formatFilter, isEmptyFilter, matchesFilter, type ListFilter } from './filter';
import { contextNamespace, forContext } from './kubeconfig';
import { containerSummaries, podSummary, selectorOf, workloadSummary, type Severity } from './status';
import { LiveCollection, listAll, type LiveOptions } from './watch';

/** How a node looks; the explorer turns this into a TreeItem. */
export interface NodeView {
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  /** Codicon id and a severity for its colour. */
  icon?: string;
  severity?: Severity | 'info';
  /** For menus: `context`, `namespace`, `kind`, `object.Pod`, `container`, `secretKey`, `message`, `more`, … */
  contextValue: string;
  collapsible: boolean;
  /** A command run when the node is clicked, with the node as its argument (the "N more" node's paging). */
  command?: string;
}

/** A tree node. */
export interface TreeNode {
  view: NodeView;
  children?(): Promise<TreeNode[]>;
  /** What commands act on (pod, workload, container, secret key). */
  ref?: NodeRef;
}

/** What a node points at in the cluster. */
export interface NodeRef {
  context: string;
  namespace?: string;
  kind?: string;
  name?: string;
  container?: string;
  /** For Secret keys: the key name (never the value). */
  key?: string;
  object?: KubeObject;
}

/** Tree settings. */
export interface TreeOptions {
  /** Objects shown per kind before the rest are summarised (default 500). */
  maxItems?: number;
  /** Page size of lists (default 500). */
  pageSize?: number;
  /** Request timeout (default 15 s). */
  timeoutMs?: number;
  /** The namespace chosen per context (overrides the kubeconfig's). */
  namespaceOverrides?: Record<string, string>;
  /** Filters by list node id (the explorer keeps them across refreshes). */
  filters?: Map<string, ListFilter>;
  /** How live lists retry and notice dead watches (the defaults suit real clusters). */
  watch?: Pick<LiveOptions, 'backoffMs' | 'maxBackoffMs' | 'watchTimeoutSeconds' | 'deadWatchGraceMs'>;
}

/** The namespace of the "All namespaces" node's lists. */
export const ALL_NAMESPACES = '';

const SEVERITY_ICON: Record<Severity, string> = { ok: 'pass', progress: 'sync', warning: 'warning', error: 'error', done: 'check' };

/** A message node: what is wrong and what to do. */
export function messageNode(id: string, p: ClusterProblem): TreeNode {
  return {
    view: {
      id,
      label: p.message,
      description: p.hint,
      tooltip: `${p.message}\n${p.hint}`,
      icon: 'warning',
      severity: 'error',
      contextValue: 'message',
      collapsible: false,
    },
  };
}

/** A list node's description while its watch fails: the status (or the kind of failure) and when it retries. */
export function watchFailing(p: ClusterProblem, retryInMs: number | undefined): string {
  const retry = retryInMs === undefined ? '' : ` … retrying in ${Math.max(1, Math.round(retryInMs / 1000))} s`;
  return `watch failing: ${p.status ?? p.kind.replace(/-/g, ' ')}${retry}`;
}

/** The model behind the tree view. */
export class ClusterTree {
  private readonly apis = new Map<string, ApiClient>();
  private readonly live = new Map<string, LiveCollection>();
  private readonly listeners = new Set<(node: TreeNode | undefined) => void>();
  private readonly kindNodes = new Map<string, TreeNode>();
  private readonly kindInfos = new Map<string, KindInfo>();
  /** Node id → the key of the live collection it shows (for release and paging). */
  private readonly nodeCollections = new Map<string, string>();
  /** Node id → the text its objects' names must contain (Filter Pods by Name on a workload). */
  private readonly nameFilters = new Map<string, string>();

  constructor(
    private readonly kc: KubeConfig | ClusterProblem,
    private readonly opts: TreeOptions = {},
  ) {}

  /** Subscribes to redraw requests (undefined = everything). */
  onChange(l: (node: TreeNode | undefined) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /** Stops every watch. */
  dispose(): void {
    for (const l of this.live.values()) l.stop();
    this.live.clear();
    this.listeners.clear();
  }

  /** The API client of a context (made once). */
  api(context: string): ApiClient {
    let a = this.apis.get(context);
    if (!a) {
      if ('hint' in this.kc) throw new Error(this.kc.message);
      a = new ApiClient(forContext(this.kc, context), { timeoutMs: this.opts.timeoutMs });
      this.apis.set(context, a);
    }
    return a;
  }

  /** The namespace shown first for a context. */
  namespaceOf(context: string): string {
    if ('hint' in this.kc) return 'default';
    return this.opts.namespaceOverrides?.[context] ?? contextNamespace(this.kc, context);
  }

  /** Root nodes: one per context (the current one first), or a message. */
  roots(): TreeNode[] {
    if ('hint' in this.kc) return [messageNode('kubeconfig', this.kc)];
    const kc = this.kc;
    const current = kc.getCurrentContext();
    const names = kc.getContexts().map((c) => c.name);
    names.sort((a, b) => (a === current ? -1 : b === current ? 1 : a.localeCompare(b)));
    return names.map((name) => {
      const cluster = kc.getCluster(kc.getContextObject(name)?.cluster ?? '');
      return {
        view: {
          id: `ctx:${name}`,
          label: name,
          description: `${name === current ? '(current) ' : ''}${cluster?.server ?? 'no cluster'}`,
          icon: 'cloud',
          contextValue: name === current ? 'context.current' : 'context',
          collapsible: true,
        },
        ref: { context: name },
        children: () => this.namespaces(name),
      };
    });
  }

  private emit(node: TreeNode | undefined): void {
    for (const l of [...this.listeners]) l(node);
  }

  private async namespaces(context: string): Promise<TreeNode[]> {
    let api: ApiClient;
    try {
      api = this.api(context);
    } catch (e) {
      return [messageNode(`ctx:${context}:error`, toProblem(e))];
    }
    const preferred = this.namespaceOf(context);
    let names: string[];
    try {
      const r = await listAll(api, collectionPath(NAMESPACE_KIND), { limit: this.opts.pageSize, maxItems: 2000 });
      names = r.items.map((n) => n.metadata.name);
    } catch (e) {
      const p = toProblem(e, api.server);
      // Users who may not list namespaces can still browse their own.
      if (p.kind !== 'forbidden') return [messageNode(`ctx:${context}:error`, p)];
      names = [preferred];
    }
    if (!names.includes(preferred)) names.push(preferred);
    names.sort((a, b) => (a === preferred ? -1 : b === preferred ? 1 : a.localeCompare(b)));
    const all: TreeNode = {
      view: {
        id: `allns:${context}`,
        label: 'All namespaces',
        icon: 'globe',
        contextValue: 'allNamespaces',
        collapsible: true,
      },
      ref: { context },
      children: async () => this.kinds(context, ALL_NAMESPACES),
    };
    return [
      all,
      ...names.map((ns) => ({
        view: {
          id: `ns:${context}/${ns}`,
          label: ns,
          description: ns === preferred ? 'default namespace' : undefined,
          icon: 'symbol-namespace',
          contextValue: 'namespace',
          collapsible: true,
        },
        ref: { context, namespace: ns },
        children: async () => this.kinds(context, ns),
      })),
    ];
  }

  private kinds(context: string, ns: string): TreeNode[] {
    const nodes = BUILTIN_KINDS.map((k) => this.kindNode(context, ns, k));
    // Helm releases are read per namespace (their storage Secrets name the namespace).
    if (ns !== ALL_NAMESPACES)
      nodes.push({
        view: { id: `helm:${context}/${ns}`, label: 'Helm releases', icon: 'package', contextValue: 'helmReleases', collapsible: true },
        ref: { context, namespace: ns },
        children: () => this.helmReleases(context, ns),
      });
    nodes.push({
      view: {
        id: `crds:${context}/${ns}`,
        label: 'Custom resources',
        icon: 'extensions',
        contextValue: 'customResources',
        collapsible: true,
      },
      ref: { context, namespace: ns },
      children: () => this.customGroups(context, ns),
    });
    return nodes;
  }

  private kindNode(context: string, ns: string, k: KindInfo): TreeNode {
    const id = `kind:${context}/${ns}/${k.group}/${k.plural}`;
    const node: TreeNode = {
      view: this.kindListView(id, k),
      ref: { context, namespace: ns || undefined, kind: k.kind },
      children: () => this.objects(context, ns, k, node),
    };
    this.kindNodes.set(id, node);
    this.kindInfos.set(id, k);
    return node;
  }

  /** A kind node's view: its filter and scope, and its list's live state (a failing watch). */
  private kindListView(id: string, k: KindInfo): NodeView {
    const v = this.kindView(id, k);
    return this.withListState(
      { id, label: k.title, icon: 'symbol-class', contextValue: v.contextValue, collapsible: true },
      v.description,
      undefined,
    );
  }

  /** A kind node's description and menu id, which show its filter. */
  private kindView(id: string, k: KindInfo): Pick<NodeView, 'id' | 'description' | 'contextValue'> {
    const f = this.opts.filters?.get(id);
    const scope = k.namespaced ? undefined : 'cluster-scoped';
    if (isEmptyFilter(f)) return { id, description: scope, contextValue: `kind.${k.kind}` };
    return { id, description: [`filter: ${formatFilter(f!)}`, scope].filter(Boolean).join(' · '), contextValue: `kind.${k.kind}.filtered` };
  }

  /** The filter of a list node, if any. */
  filterOf(node: TreeNode): ListFilter | undefined {
    return this.opts.filters?.get(node.view.id);
  }

  /**
   * Sets (or with undefined, clears) the filter of a kind node: its description says so, its
   * list is read again (the label selector goes to the server) and the node is redrawn.
   */
  setFilter(node: TreeNode, filter: ListFilter | undefined): void {
    const id = node.view.id;
    const known = this.kindNodes.get(id);
    const k = known?.ref?.kind;
    if (!known || !k) throw new Error('Only lists of a kind can be filtered.');
    const filters = (this.opts.filters ??= new Map());
    if (isEmptyFilter(filter)) filters.delete(id);
    else filters.set(id, filter!);
    const info = this.kindInfos.get(id)!;
    for (const n of new Set([known, node])) n.view = this.kindListView(id, info);
    this.release(node);
    this.emit(node);
  }

  /**
   * The live collection behind a kind node, or behind a workload's pods when `selector` is given
   * (listed and watched server-side with the workload's own selector; started on first use).
   */
  collection(context: string, ns: string, k: KindInfo, node?: TreeNode, selector?: string): LiveCollection {
    const filter = node && this.nameFilters.get(node.view.id);
    const key = `${context}/${ns}/${k.group}/${k.plural}${selector ? `?${selector}` : ''}${filter !== undefined ? `#${filter}` : ''}`;
    let c = this.live.get(key);
    if (!c) {
      c = new LiveCollection(this.api(context), collectionPath(k, ns), {
        apiVersion: apiVersionOf(k),
        kind: k.kind,
        limit: this.opts.pageSize,
        maxItems: this.opts.maxItems ?? 500,
        labelSelector: selector,
        nameContains: filter,
        ...this.opts.watch,
      });
      this.live.set(key, c);
      c.onEvent((e) => {
        if (e.type !== 'resumed') this.emit(node);
      });
      c.start();
    }
    if (node) this.nodeCollections.set(node.view.id, key);
    return c;
  }

  /** Stops the watch of a collapsed kind or workload node. */
  release(node: TreeNode): void {
    const key = this.nodeCollections.get(node.view.id);
    if (key === undefined) return;
    this.nodeCollections.delete(node.view.id);
    this.live.get(key)?.stop();
    this.live.delete(key);
  }

  /**
   * The live state of the list a node shows, read whenever the view is drawn: while its watch
   * fails the description says so ("watch failing: 500 … retrying in 8 s") and the tooltip gives
   * the problem and what to do; a filter is shown too. Both clear when the list recovers.
   */
  private withListState(
    view: Omit<NodeView, 'description' | 'tooltip'>,
    description: string | undefined,
    tooltip: string | undefined,
  ): NodeView {
    const state = (): { c?: LiveCollection; filter?: string } => {
      const key = this.nodeCollections.get(view.id);
      return { c: key === undefined ? undefined : this.live.get(key), filter: this.nameFilters.get(view.id) };
    };
    return Object.defineProperties(view as NodeView, {
      description: {
        enumerable: true,
        get: () => {
          const { c, filter } = state();
          const parts = [description, filter !== undefined ? `name contains "${filter}"` : undefined];
          if (c?.problem) parts.push(watchFailing(c.problem, c.retryInMs));
          return parts.filter(Boolean).join(' · ') || undefined;
        },
      },
      tooltip: {
        enumerable: true,
        get: () => {
          const { c } = state();
          const parts = [tooltip, c?.problem && `${c.problem.message}\n${c.problem.hint}`];
          return parts.filter(Boolean).join('\n\n') || undefined;
        },
      },
    });
  }

  /**
   * Shows only the objects of a kind (or a workload's pods) whose name contains `text`
   * (undefined or empty clears the filter); the node is redrawn from a new filtered list.
   */
  setNameFilter(node: TreeNode, text: string | undefined): void {
    this.release(node);
    if (text) this.nameFilters.set(node.view.id, text);
    else this.nameFilters.delete(node.view.id);
    this.emit(node);
  }

  /** The name filter of a node, if any. */
  nameFilterOf(node: TreeNode): string | undefined {
    return this.nameFilters.get(node.view.id);
  }

  /** The "N more" node's action: shows the next page of its list. */
  async loadMore(more: TreeNode): Promise<void> {
    const owner = more.view.id.replace(/:more$/, '');
    const key = this.nodeCollections.get(owner);
    const c = key === undefined ? undefined : this.live.get(key);
    await c?.more();
  }

  /** The node saying how many items are not shown, which pages on when clicked. */
  private moreNode(owner: string, c: LiveCollection, what: string): TreeNode {
    return {
      view: {
        id: `${owner}:more`,
        label:
          c.remaining !== undefined
            ? `… ${c.remaining} more ${what} not shown`
            : `… more ${what}${this.nameFilters.has(owner) ? ' may match' : ' not shown'}`,
        description: 'click to show the next page (shipshape.explorer.maxItems per page)',
        icon: 'ellipsis',
        severity: 'info',
        contextValue: 'more',
        collapsible: false,
        command: 'shipshape.explorer.loadMore',
      },
    };
  }

  private noMatchNode(owner: string, what: string): TreeNode {
    return {
      view: {
        id: `${owner}:nomatch`,
        label: `No ${what} whose name contains "${this.nameFilters.get(owner) ?? ''}"`,
        icon: 'filter',
        severity: 'info',
        contextValue: 'message',
        collapsible: false,
      },
    };
  }

  private async ready(c: LiveCollection): Promise<void> {
    if (!c.synced && !c.problem) await c.next((e) => e.type === 'synced' || e.type === 'error');
  }

  private async objects(context: string, ns: string, k: KindInfo, node: TreeNode): Promise<TreeNode[]> {
    let c: LiveCollection;
    const filter = this.opts.filters?.get(node.view.id);
    try {
      c = this.collection(context, ns, k, node, filter?.labelSelector);
    } catch (e) {
      return [messageNode(`${node.view.id}:error`, toProblem(e))];
    }
    await this.ready(c);
    if (!c.synced && c.problem) return [messageNode(`${node.view.id}:error`, c.problem)];
    // Lists in a deleted namespace are just empty; say why instead of showing nothing.
    if (
      k.namespaced &&
      ns !== ALL_NAMESPACES &&
      c.items().length === 0 &&
      !this.nameFilters.has(node.view.id) &&
      (await this.namespaceGone(context, ns))
    ) {
      return [
        messageNode(`${node.view.id}:error`, {
          kind: 'not-found',
          message: `Namespace ${ns} no longer exists.`,
          hint: 'It was deleted; refresh the explorer to pick another namespace.',
        }),
      ];
    }
    const items = c.items().map((o) => ({ ...o, kind: o.kind ?? k.kind }));
    const shown = items.filter((o) => matchesFilter(o, filter));
    const out = shown.map((o) => this.objectNode(context, ns, k, o));
    if (filter && !isEmptyFilter(filter) && !shown.length)
      out.push({
        view: {
          id: `${node.view.id}:filtered`,
          label: `Nothing matches the filter "${formatFilter(filter)}"`,
          description: `${items.length} hidden`,
          icon: 'filter',
          severity: 'info',
          contextValue: 'message',
          collapsible: false,
        },
      });
    if (c.truncated) out.push(this.moreNode(node.view.id, c, k.title.toLowerCase()));
    else if (!out.length && this.nameFilters.has(node.view.id)) out.push(this.noMatchNode(node.view.id, k.title.toLowerCase()));
    // A failing watch is shown on the list node itself (its description and tooltip).
    return out;
  }

  private async namespaceGone(context: string, ns: string): Promise<boolean> {
    try {
      await this.api(context).get(`/api/v1/namespaces/${encodeURIComponent(ns)}`);
      return false;
    } catch (e) {
      return e instanceof ApiError && e.status === 404;
    }
  }

  /** The node of one object (also used by tests to check descriptions and icons). */
  objectNode(context: string, listNs: string, k: KindInfo, o: KubeObject): TreeNode {
    const obj = { ...o, kind: o.kind ?? k.kind };
    // Under "All namespaces" the list's namespace is empty: the object names its own (and its id differs from the namespace view's).
    const ns = listNs === ALL_NAMESPACES && k.namespaced ? (o.metadata.namespace ?? '') : listNs;
    const id = `obj:${context}/${listNs === ALL_NAMESPACES ? '*/' : ''}${ns}/${k.group}/${k.plural}/${o.metadata.name}`;
    const ref: NodeRef = { context, namespace: ns, kind: obj.kind, name: o.metadata.name, object: obj };
    let description: string | undefined;
    let severity: Severity | undefined;
    let tooltip: string | undefined;
    let children: (() => Promise<TreeNode[]>) | undefined;
    if (obj.kind === 'Pod') {
      const s = podSummary(obj);
      description = `${s.status} ${s.ready}/${s.total}${s.restarts ? ` ↻${s.restarts}` : ''}`;
      severity = s.severity;
      tooltip = s.detail;
      children = async () =>
        containerSummaries(obj).map((cs) => ({
          view: {
            id: `${id}/c/${cs.name}`,
            label: cs.name,
            description: `${cs.init ? 'init · ' : ''}${cs.state}${cs.restarts ? ` · ${cs.restarts} restarts` : ''}${cs.lastTermination ? ` · last: ${cs.lastTermination}` : ''}`,
            tooltip: cs.image,
            icon: SEVERITY_ICON[cs.severity],
            severity: cs.severity,
            contextValue: 'container',
            collapsible: false,
          },
          ref: { ...ref, container: cs.name },
        }));
    } else if (WORKLOAD_KINDS.has(obj.kind) || obj.kind === 'CronJob') {
      const w = workloadSummary(obj);
      description = w?.text;
      severity = w?.severity;
      const selector = selectorOf(obj);
      if (selector && obj.kind !== 'CronJob') {
        children = async () => {
          const podsKind = BUILTIN_KINDS.find((x) => x.kind === 'Pod')!;
          // The workload's own selector, server-side: a capped list of the namespace's pods may not hold them.
          const pods = this.collection(context, ns, podsKind, self, selector);
          await this.ready(pods);
          if (!pods.synced && pods.problem) return [messageNode(`${id}:error`, pods.problem)];
          const out = pods.items().map((p) => this.objectNode(context, ns, podsKind, p));
          if (pods.truncated) out.push(this.moreNode(id, pods, 'pods'));
          else if (!out.length && this.nameFilters.has(id)) out.push(this.noMatchNode(id, 'pods'));
          return out;
        };
      }
    } else if (obj.kind === 'Secret') {
      const keys = Object.keys(o.data ?? {}).sort();
      description = `${o.type ?? 'Opaque'} · ${keys.length} key${keys.length === 1 ? '' : 's'}`;
      children = async () =>
        keys.map((key) => ({
          view: {
            id: `${id}/k/${key}`,
            label: key,
            description: '•••••• (hidden; use Reveal)',
            icon: 'key',
            contextValue: 'secretKey',
            collapsible: false,
          },
          ref: { context, namespace: ns, kind: 'Secret', name: o.metadata.name, key },
        }));
      // The object itself carries values; commands get only what they need.
      ref.object = { ...obj, data: undefined };
    } else if (obj.kind === 'Event') {
      const ev = o as KubeObject & { type?: string; reason?: string; message?: string; involvedObject?: { kind?: string; name?: string } };
      description = `${ev.reason ?? ''} ${ev.involvedObject?.kind ?? ''}/${ev.involvedObject?.name ?? ''}`.trim();
      tooltip = ev.message;
      severity = ev.type === 'Warning' ? 'warning' : 'ok';
    }
    const shown = o.metadata.deletionTimestamp && obj.kind !== 'Pod' ? `${description ?? ''} Terminating`.trim() : description;
    const described = [listNs === ALL_NAMESPACES && ns ? ns : undefined, shown].filter(Boolean).join(' · ') || undefined;
    const base = {
      id,
      label: o.metadata.name,
      icon: severity ? SEVERITY_ICON[severity] : 'symbol-field',
      severity,
      contextValue: `object.${obj.kind}`,
      collapsible: children !== undefined,
    };
    const self: TreeNode = {
      view:
        children && WORKLOAD_KINDS.has(obj.kind)
          ? this.withListState(base, described, tooltip)
          : { ...base, description: described, tooltip },
      ref,
      children,
    };
    return self;
  }

  private async helmReleases(context: string, ns: string): Promise<TreeNode[]> {
    const api = this.api(context);
    try {
      const secrets = await listAll(api, `/api/v1/namespaces/${encodeURIComponent(ns)}/secrets`, {
        labelSelector: 'owner=helm',
        limit: this.opts.pageSize,
      });
      const releases = latestReleases(secrets.items);
      if (!releases.length)
        return [
          {
            view: {
              id: `helm:${context}/${ns}:none`,
              label: 'No Helm releases',
              severity: 'info',
              contextValue: 'message',
              collapsible: false,
            },
          },
        ];
      return releases.map((r) => ({
        view: {
          id: `helm:${context}/${ns}/${r.name}`,
          label: r.name,
          description: `${r.chart}-${r.chartVersion} · rev ${r.revision} · ${r.status}`,
          tooltip: [r.appVersion && `app ${r.appVersion}`, r.updated && `updated ${r.updated}`, r.description].filter(Boolean).join('\n'),
          icon: r.status === 'deployed' ? 'pass' : r.status === 'failed' ? 'error' : 'sync',
          severity: r.status === 'deployed' ? 'ok' : r.status === 'failed' ? 'error' : 'progress',
          contextValue: 'helmRelease',
          collapsible: false,
        },
        ref: { context, namespace: ns, kind: 'HelmRelease', name: r.name },
      }));
    } catch (e) {
      return [messageNode(`helm:${context}/${ns}:error`, toProblem(e, api.server))];
    }
  }

  private async customGroups(context: string, ns: string): Promise<TreeNode[]> {
    const api = this.api(context);
    try {
      const groups = await discoverCustomKinds(api);
      if (!groups.size)
        return [
          {
            view: {
              id: `crds:${context}/${ns}:none`,
              label: 'No custom resources',
              severity: 'info',
              contextValue: 'message',
              collapsible: false,
            },
          },
        ];
      return [...groups].map(([group, kinds]) => ({
        view: {
          id: `crdgroup:${context}/${ns}/${group}`,
          label: group,
          icon: 'symbol-namespace',
          contextValue: 'crdGroup',
          collapsible: true,
        },
        ref: { context, namespace: ns },
        children: async () => kinds.map((k) => this.kindNode(context, ns, k)),
      }));
    } catch (e) {
      return [messageNode(`crds:${context}/${ns}:error`, toProblem(e, api.server))];
    }
  }
}

/** Reads one Secret key's value (the explicit "reveal" action); decoded as UTF-8. */
export async function revealSecretValue(api: ApiClient, namespace: string, name: string, key: string): Promise<string> {
  const s = await api.get<KubeObject>(`/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets/${encodeURIComponent(name)}`);
  const v = s.data?.[key];
  if (v === undefined) throw new Error(`Secret ${name} has no key ${key}.`);
  return Buffer.from(v, 'base64').toString('utf8');
}
