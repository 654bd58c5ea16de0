/**
 * The test API server's debugging and node-maintenance paths: the `pods/ephemeralcontainers`
 * subresource (strategic merge, of which only `spec.ephemeralContainers` is kept; existing ones immutable, names
 * unique, targets checked; a stand-in kubelet then reports the container running or its image
 * pull failing), `pods/eviction` (policy/v1 Eviction, refused with 429 and the API server's
 * `DisruptionBudget` cause while a PodDisruptionBudget allows no disruption, as the disruption
 * controller would compute it), and container file systems for `tar` over exec (each container's
 * root is a temporary directory and the real `tar` runs in it, so `kubectl cp` and Shipshape see
 * what a container's GNU tar produces).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultExec, matchesLabels, type ExecContext, type ExecHandler, type KubeApiServer } from './server';
import { strategicMerge } from './operations';
import type { KObject } from './types';

type Reply = (code: number, body: unknown) => void;

interface Container {
  name: string;
  image?: string;
  targetContainerName?: string;
  [k: string]: unknown;
}

interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
  ephemeralContainers?: Container[];
  securityContext?: object;
}

function status(code: number, reason: string, message: string, details?: object): object {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, details, code };
}

/** A label selector object (`matchLabels` and `matchExpressions`) against labels. */
export function selectorMatches(
  selector: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] } | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  if (!selector) return false;
  const terms = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of selector.matchExpressions ?? []) {
    if (e.operator === 'In') terms.push(`${e.key} in (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'NotIn') terms.push(`${e.key} notin (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'Exists') terms.push(e.key);
    else if (e.operator === 'DoesNotExist') terms.push(`!${e.key}`);
  }
  // An empty selector in a PodDisruptionBudget (policy/v1) selects every pod of the namespace.
  return matchesLabels(labels ?? {}, terms.join(','));
}

function scaled(v: number | string | undefined, total: number): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  return m ? Math.ceil((Number(m[1]) * total) / 100) : Number(v);
}

function healthy(p: KObject): boolean {
  const st = p.status as { phase?: string; conditions?: { type: string; status: string }[] } | undefined;
  return (
    !p.metadata.deletionTimestamp &&
    st?.phase === 'Running' &&
    st.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true
  );
}

/** The ephemeral-container, eviction and container-file-system parts of one {@link KubeApiServer}. */
export class DebugOperations {
  /** How long the stand-in kubelet takes to start an ephemeral container (ms); Infinity holds them until {@link startPending}. */
  ephemeralStartMs = 0;
  private readonly pending: (() => void)[] = [];
  /** Images whose pull fails (the container stays waiting in ErrImagePull). */
  readonly unpullable = new Set<string>();
  private readonly roots = new Map<string, string>();

  constructor(private readonly server: KubeApiServer) {}

  /** The disruption controller's view of a PDB: pods it selects, healthy ones, how many must stay, and how many may go. */
  disruption(pdb: KObject): { expected: number; healthy: number; desired: number; allowed: number } {
    const spec = (pdb.spec ?? {}) as { selector?: object; minAvailable?: number | string; maxUnavailable?: number | string };
    const pods = this.server
      .listObjects('v1', 'Pod', pdb.metadata.namespace)
      .filter((p) => selectorMatches(spec.selector as never, p.metadata.labels));
    const expected = pods.length;
    const current = pods.filter(healthy).length;
    const min = scaled(spec.minAvailable, expected);
    const maxUn = scaled(spec.maxUnavailable, expected);
    const desired = min !== undefined ? min : maxUn !== undefined ? Math.max(0, expected - maxUn) : expected;
    return { expected, healthy: current, desired, allowed: Math.max(0, current - desired) };
  }

  /** Handles a pod subresource this part serves; false leaves it to the built-in routes. */
  route(req: { method: string; kind: string; namespace?: string; name?: string; sub?: string; body: Buffer }, reply: Reply): boolean {
    if (req.kind !== 'Pod' || !req.name || !req.namespace) return false;
    if (req.sub === 'ephemeralcontainers') return this.ephemeral(req.method, req.namespace, req.name, req.body, reply);
    if (req.sub === 'eviction' && req.method === 'POST') return this.evict(req.namespace, req.name, req.body, reply);
    return false;
  }

  private ephemeral(method: string, namespace: string, name: string, body: Buffer, reply: Reply): boolean {
    const live = this.server.get('v1', 'Pod', namespace, name);
    if (!live) {
      reply(404, status(404, 'NotFound', `pods "${name}" not found`, { name, kind: 'pods' }));
      return true;
    }
    if (method === 'GET') {
      reply(200, live);
      return true;
    }
    if (method !== 'PATCH' && method !== 'PUT') return false;
    let next: KObject;
    try {
      const parsed = JSON.parse(body.toString('utf8')) as KObject;
      next = method === 'PUT' ? parsed : (strategicMerge(live as never, parsed as never) as unknown as KObject);
    } catch (e) {
      reply(400, status(400, 'BadRequest', e instanceof Error ? e.message : String(e)));
      return true;
    }
    const before = (live.spec ?? {}) as PodSpec;
    const after = (next.spec ?? {}) as PodSpec;
    const invalid = (field: string, message: string): true => {
      reply(
        422,
        status(422, 'Invalid', `Pod "${name}" is invalid: ${field}: ${message}`, { name, kind: 'Pod', causes: [{ field, message }] }),
      );
      return true;
    };
    // As the API server's ephemeral-container strategy: only spec.ephemeralContainers is taken from the update; other changes are dropped.
    const old = before.ephemeralContainers ?? [];
    const eph = after.ephemeralContainers ?? [];
    for (const [i, o] of old.entries()) {
      const now = eph.find((e) => e.name === o.name);
      if (!now) return invalid('spec.ephemeralContainers', `Forbidden: existing ephemeral containers "${o.name}" may not be removed`);
      if (JSON.stringify(now) !== JSON.stringify(o))
        return invalid(`spec.ephemeralContainers[${i}]`, 'Forbidden: existing ephemeral containers may not be changed');
    }
    const names = new Set([...(before.containers ?? []), ...(before.initContainers ?? [])].map((c) => c.name));
    const seen = new Set<string>();
    for (const [i, e] of eph.entries()) {
      if (!e.name) return invalid(`spec.ephemeralContainers[${i}].name`, 'Required value');
      if (names.has(e.name) || seen.has(e.name)) return invalid(`spec.ephemeralContainers[${i}].name`, `Duplicate value: "${e.name}"`);
      seen.add(e.name);
      if (!e.image) return invalid(`spec.ephemeralContainers[${i}].image`, 'Required value');
      if (e.targetContainerName && !(before.containers ?? []).some((c) => c.name === e.targetContainerName))
        return invalid(`spec.ephemeralContainers[${i}].targetContainerName`, `Not found: "${e.targetContainerName}"`);
    }
    // The API server defaults a pod's securityContext to {} (kubectl debug reads it).
    const stored = this.server.put({
      ...live,
      spec: { ...before, securityContext: before.securityContext ?? {}, ephemeralContainers: eph },
    });
    reply(200, stored);
    const added = eph.filter((e) => !old.some((o) => o.name === e.name));
    if (added.length && this.ephemeralStartMs === Infinity) this.pending.push(() => this.startEphemeral(namespace, name, added));
    else if (added.length) setTimeout(() => this.startEphemeral(namespace, name, added), this.ephemeralStartMs).unref();
    return true;
  }

  /** Starts the ephemeral containers held back by `ephemeralStartMs = Infinity`. */
  startPending(): void {
    for (const start of this.pending.splice(0)) start();
  }

  /** The kubelet's part: the new ephemeral containers run, or wait on a failed image pull. */
  private startEphemeral(namespace: string, name: string, added: Container[]): void {
    const pod = this.server.get('v1', 'Pod', namespace, name);
    if (!pod) return;
    const st = (pod.status ?? {}) as { ephemeralContainerStatuses?: object[] };
    const statuses = [
      ...(st.ephemeralContainerStatuses ?? []),
      ...added.map((c) => ({
        name: c.name,
        image: c.image,
        ready: false,
        restartCount: 0,
        state: this.unpullable.has(c.image ?? '')
          ? { waiting: { reason: 'ErrImagePull', message: `failed to pull image "${c.image}": not found` } }
          : { running: { startedAt: new Date().toISOString() } },
      })),
    ];
    this.server.put({ ...pod, status: { ...st, ephemeralContainerStatuses: statuses } });
  }

  private evict(namespace: string, name: string, body: Buffer, reply: Reply): boolean {
    const pod = this.server.get('v1', 'Pod', namespace, name);
    if (!pod) {
      reply(404, status(404, 'NotFound', `pods "${name}" not found`, { name, kind: 'pods' }));
      return true;
    }
    try {
      const ev = JSON.parse(body.toString('utf8')) as KObject;
      if (ev.metadata?.name && ev.metadata.name !== name) {
        reply(400, status(400, 'BadRequest', `name in URL does not match name in Eviction object`));
        return true;
      }
    } catch {
      reply(400, status(400, 'BadRequest', 'the Eviction body is not JSON'));
      return true;
    }
    const phase = (pod.status as { phase?: string } | undefined)?.phase;
    // Terminal, pending and already-terminating pods are deleted without consulting any budget (the API server's canIgnorePDB).
    const ignoreBudgets = phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || !!pod.metadata.deletionTimestamp;
    if (!ignoreBudgets) {
      const pdbs = this.server
        .listObjects('policy/v1', 'PodDisruptionBudget', namespace)
        .filter((b) => selectorMatches((b.spec as { selector?: never } | undefined)?.selector, pod.metadata.labels));
      if (pdbs.length > 1) {
        reply(
          500,
          status(500, 'InternalError', 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.'),
        );
        return true;
      }
      const pdb = pdbs[0];
      if (pdb) {
        const d = this.disruption(pdb);
        // An unhealthy pod may go while the budget's healthy count is met (unhealthyPodEvictionPolicy IfHealthyBudget).
        const ok = healthy(pod) ? d.allowed > 0 : d.healthy >= d.desired;
        if (!ok) {
          reply(
            429,
            status(429, 'TooManyRequests', "Cannot evict pod as it would violate the pod's disruption budget.", {
              causes: [
                {
                  reason: 'DisruptionBudget',
                  message: `The disruption budget ${pdb.metadata.name} needs ${d.desired} healthy pods and has ${d.healthy} currently`,
                },
              ],
            }),
          );
          return true;
        }
      }
    }
    this.server.deletePod(namespace, name);
    reply(201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
    return true;
  }

  /** The root directory of a container's file system (created on first use with /etc, /tmp, /var and /root; removed by {@link cleanup}). */
  containerRoot(namespace: string, pod: string, container: string): string {
    const key = `${namespace}/${pod}/${container}`;
    let root = this.roots.get(key);
    if (!root) {
      this.roots.set(key, (root = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-container-'))));
      // The directories every image has.
      for (const d of ['etc', 'tmp', 'var', 'root']) fs.mkdirSync(path.join(root, d));
    }
    return root;
  }

  /** Removes every container file system. */
  cleanup(): void {
    for (const r of this.roots.values()) fs.rmSync(r, { recursive: true, force: true });
    this.roots.clear();
  }

  /**
   * An exec handler whose `tar` is the real one, run in the container's root: absolute paths in
   * its arguments are taken inside that root. Other commands go to `fallback`.
   */
  tarExec(fallback: ExecHandler = defaultExec): ExecHandler {
    return (ctx: ExecContext) => {
      if (ctx.command[0] !== 'tar') return fallback(ctx);
      const root = this.containerRoot(ctx.namespace, ctx.pod, ctx.container);
      const creating = ctx.command.slice(1).some((a) => /^-?[a-z]*c/.test(a) && !a.startsWith('--'));
      let afterC = false;
      const args = ctx.command.slice(1).map((a) => {
        if (afterC) {
          afterC = false;
          return a.startsWith('/') ? path.join(root, a) : a;
        }
        if (a === '-C') afterC = true;
        // `tar cf - /etc/x` names its member `etc/x`; run from the root with the relative path for the same names.
        if (creating && a.startsWith('/')) return a.replace(/^\/+/, '') || '.';
        return a;
      });
      const child = spawn('tar', args, { cwd: root });
      child.stdout.on('data', (d: Buffer) => ctx.stdout(d));
      child.stderr.on('data', (d: Buffer) => ctx.stderr(d));
      ctx.stdin.on('data', (d: Buffer) => child.stdin.write(d));
      ctx.stdin.once('end', () => child.stdin.end());
      child.stdin.on('error', () => undefined);
      child.on('close', (code) => ctx.exit(code ?? 1));
    };
  }
}
