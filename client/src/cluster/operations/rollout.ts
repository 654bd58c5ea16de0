/**
 * Rollouts of Deployments, StatefulSets and DaemonSets: restart (a new pod-template annotation, as
 * `kubectl rollout restart` does), status (the same judgement kubectl's status viewers make,
 * followed over a watch until done or failed), history (ReplicaSets or ControllerRevisions, with
 * their images) and undo to a revision (the revision's pod template written back).
 */
import type { ApiClient, KubeObject } from '../api';
import { ProblemError } from '../errors';
import { getObject, listObjects, patchObject, pathOf, query, type ObjectRef } from './objects';

/** Kinds with rollouts. */
export const ROLLOUT_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

const REVISION = 'deployment.kubernetes.io/revision';
const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

function requireRollout(ref: Omit<ObjectRef, 'context'>): void {
  if (!ROLLOUT_KINDS.has(ref.kind)) throw new Error(`${ref.kind} has no rollouts (Deployments, StatefulSets and DaemonSets do).`);
}

/** Restarts the pods by stamping the template; resolves with the updated object. */
export async function rolloutRestart(api: ApiClient, ref: Omit<ObjectRef, 'context'>, now = new Date()): Promise<KubeObject> {
  requireRollout(ref);
  const obj = await getObject(api, ref);
  if ((obj.spec as { paused?: boolean } | undefined)?.paused)
    throw new Error(`${ref.kind} ${ref.name} is paused; resume it before restarting.`);
  return patchObject(api, ref, 'strategic', { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: now.toISOString() } } } } });
}

/** Where a rollout stands. */
export interface RolloutState {
  done: boolean;
  failed: boolean;
  message: string;
}

/** The rollout state of an object, as kubectl's status viewers judge it. */
export function rolloutState(obj: KubeObject): RolloutState {
  const gen = (obj.metadata as { generation?: number }).generation ?? 0;
  const st = (obj.status ?? {}) as {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    availableReplicas?: number;
    readyReplicas?: number;
    currentRevision?: string;
    updateRevision?: string;
    desiredNumberScheduled?: number;
    updatedNumberScheduled?: number;
    numberAvailable?: number;
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
  };
  const spec = (obj.spec ?? {}) as { replicas?: number; updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } } };
  const name = obj.metadata.name;
  const waiting = (message: string): RolloutState => ({ done: false, failed: false, message });
  const observed = (st.observedGeneration ?? 0) >= gen;
  switch (obj.kind) {
    case 'Deployment': {
      if (!observed) return waiting(`Waiting for deployment spec update to be observed…`);
      const prog = st.conditions?.find((c) => c.type === 'Progressing');
      if (prog?.reason === 'ProgressDeadlineExceeded')
        return { done: false, failed: true, message: `deployment "${name}" exceeded its progress deadline` };
      const want = spec.replicas ?? 1;
      const updated = st.updatedReplicas ?? 0;
      if (updated < want)
        return waiting(`Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated…`);
      if ((st.replicas ?? 0) > updated)
        return waiting(
          `Waiting for deployment "${name}" rollout to finish: ${(st.replicas ?? 0) - updated} old replicas are pending termination…`,
        );
      if ((st.availableReplicas ?? 0) < updated)
        return waiting(
          `Waiting for deployment "${name}" rollout to finish: ${st.availableReplicas ?? 0} of ${updated} updated replicas are available…`,
        );
      return { done: true, failed: false, message: `deployment "${name}" successfully rolled out` };
    }
    case 'StatefulSet': {
      if (spec.updateStrategy?.type === 'OnDelete')
        return { done: true, failed: false, message: 'rollout status is only available for the RollingUpdate strategy' };
      if (!observed) return waiting('Waiting for statefulset spec update to be observed…');
      const want = spec.replicas ?? 1;
      if ((st.readyReplicas ?? 0) < want) return waiting(`Waiting for ${want - (st.readyReplicas ?? 0)} pods to be ready…`);
      const partition = spec.updateStrategy?.rollingUpdate?.partition ?? 0;
      if (partition > 0) {
        if ((st.updatedReplicas ?? 0) < want - partition)
          return waiting(
            `Waiting for partitioned roll out to finish: ${st.updatedReplicas ?? 0} out of ${want - partition} new pods have been updated…`,
          );
        return {
          done: true,
          failed: false,
          message: `partitioned roll out complete: ${st.updatedReplicas ?? 0} new pods have been updated…`,
        };
      }
      if (st.updateRevision !== st.currentRevision)
        return waiting(
          `waiting for statefulset rolling update to complete ${st.updatedReplicas ?? 0} pods at revision ${st.updateRevision}…`,
        );
      return {
        done: true,
        failed: false,
        message: `statefulset rolling update complete ${st.readyReplicas ?? 0} pods at revision ${st.currentRevision ?? '?'}…`,
      };
    }
    case 'DaemonSet': {
      if (!observed) return waiting('Waiting for daemon set spec update to be observed…');
      const want = st.desiredNumberScheduled ?? 0;
      if ((st.updatedNumberScheduled ?? 0) < want)
        return waiting(
          `Waiting for daemon set "${name}" rollout to finish: ${st.updatedNumberScheduled ?? 0} out of ${want} new pods have been updated…`,
        );
      if ((st.numberAvailable ?? 0) < want)
        return waiting(
          `Waiting for daemon set "${name}" rollout to finish: ${st.numberAvailable ?? 0} of ${want} updated pods are available…`,
        );
      return { done: true, failed: false, message: `daemon set "${name}" successfully rolled out` };
    }
    default:
      return { done: true, failed: true, message: `${obj.kind} has no rollout status` };
  }
}

/**
 * Follows the rollout over a watch of the one object, reporting every change, until it is done or
 * failed, the signal aborts, or the object is deleted. A dropped watch is resumed.
 */
export async function followRollout(
  api: ApiClient,
  ref: Omit<ObjectRef, 'context'>,
  onState: (s: RolloutState) => void,
  signal?: AbortSignal,
): Promise<RolloutState> {
  requireRollout(ref);
  let obj = await getObject(api, ref);
  obj.kind ??= ref.kind;
  let state = rolloutState(obj);
  onState(state);
  const collection = (await pathOf(api, ref)).replace(/\/[^/]+$/, '');
  while (!state.done && !state.failed && !signal?.aborted) {
    let rv = obj.metadata.resourceVersion;
    let final: RolloutState | undefined;
    const stream = await api.streamLines(
      collection + query({ watch: 1, fieldSelector: `metadata.name=${ref.name}`, resourceVersion: rv, allowWatchBookmarks: 'true' }),
      (line) => {
        if (final) return;
        let ev: { type: string; object: KubeObject };
        try {
          ev = JSON.parse(line) as { type: string; object: KubeObject };
        } catch {
          return;
        }
        if (ev.type === 'BOOKMARK' || ev.type === 'ERROR') return;
        rv = ev.object.metadata.resourceVersion;
        if (ev.type === 'DELETED') {
          final = { done: false, failed: true, message: `${ref.kind} ${ref.name} was deleted` };
          onState(final);
          stream.abort();
          return;
        }
        obj = { ...ev.object, kind: ev.object.kind ?? ref.kind };
        const next = rolloutState(obj);
        if (next.message !== state.message || next.done !== state.done) onState(next);
        state = next;
        if (state.done || state.failed) stream.abort();
      },
      { signal, timeoutMs: 30_000 },
    );
    await stream.ended;
    if (final) return final;
    if (!state.done && !state.failed && !signal?.aborted) {
      obj = await getObject(api, ref);
      obj.kind ??= ref.kind;
      state = rolloutState(obj);
    }
  }
  return state;
}

/** One revision of a rollout. */
export interface Revision {
  revision: number;
  /** The ReplicaSet or ControllerRevision holding it. */
  source: string;
  images: string[];
  changeCause?: string;
  created?: string;
  current: boolean;
  /** The pod template of the revision. */
  template: KubeObject['spec'];
}

interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: { containers?: { name: string; image?: string }[]; initContainers?: { name: string; image?: string }[] };
}

function imagesOf(t: PodTemplate | undefined): string[] {
  return [...(t?.spec?.initContainers ?? []), ...(t?.spec?.containers ?? [])].map((c) => `${c.name}=${c.image ?? '?'}`);
}

function owned(list: KubeObject[], uid: string | undefined): KubeObject[] {
  return list.filter((o) => o.metadata.ownerReferences?.some((r) => r.uid === uid));
}

/** The revisions of a rollout, oldest first. */
export async function rolloutHistory(api: ApiClient, ref: Omit<ObjectRef, 'context'>): Promise<Revision[]> {
  requireRollout(ref);
  const obj = await getObject(api, ref);
  const ns = obj.metadata.namespace;
  if (ref.kind === 'Deployment') {
    const current = obj.metadata.annotations?.[REVISION];
    const rss = owned(await listObjects(api, 'ReplicaSet', ns), obj.metadata.uid);
    return rss
      .map((rs) => {
        const template = (rs.spec as { template?: PodTemplate } | undefined)?.template;
        const revision = Number(rs.metadata.annotations?.[REVISION] ?? 0);
        return {
          revision,
          source: `ReplicaSet/${rs.metadata.name}`,
          images: imagesOf(template),
          changeCause: rs.metadata.annotations?.['kubernetes.io/change-cause'],
          created: rs.metadata.creationTimestamp,
          current: String(revision) === current,
          template: template as KubeObject['spec'],
        };
      })
      .filter((r) => r.revision > 0)
      .sort((a, b) => a.revision - b.revision);
  }
  const revs = owned(await listObjects(api, 'ControllerRevision', ns), obj.metadata.uid);
  const currentName = (obj.status as { updateRevision?: string } | undefined)?.updateRevision;
  const sorted = revs
    .map((cr) => {
      const template = (cr.data as { spec?: { template?: PodTemplate } } | undefined)?.spec?.template;
      return {
        revision: Number(cr.revision ?? 0),
        source: `ControllerRevision/${cr.metadata.name}`,
        images: imagesOf(template),
        changeCause: cr.metadata.annotations?.['kubernetes.io/change-cause'],
        created: cr.metadata.creationTimestamp,
        current: cr.metadata.name === currentName,
        template: template as KubeObject['spec'],
      };
    })
    .sort((a, b) => a.revision - b.revision);
  if (!currentName && sorted.length) sorted[sorted.length - 1].current = true;
  return sorted;
}

/**
 * Rolls back to `revision` (default: the one before the current) by writing its pod template back;
 * resolves with the revision rolled back to.
 */
export async function rolloutUndo(api: ApiClient, ref: Omit<ObjectRef, 'context'>, revision?: number): Promise<Revision> {
  const history = await rolloutHistory(api, ref);
  const current = history.find((r) => r.current) ?? history.at(-1);
  const target =
    revision !== undefined
      ? history.find((r) => r.revision === revision)
      : history.filter((r) => r.revision < (current?.revision ?? Infinity)).at(-1);
  if (!target) {
    throw new ProblemError({
      kind: 'not-found',
      message:
        revision !== undefined
          ? `${ref.kind} ${ref.name} has no revision ${revision}.`
          : `${ref.kind} ${ref.name} has no earlier revision to roll back to.`,
      hint: `Known revisions: ${history.map((r) => r.revision).join(', ') || 'none'}.`,
    });
  }
  if (target.current)
    throw new ProblemError({
      kind: 'bad-request',
      message: `Revision ${target.revision} is already the current one.`,
      hint: 'Pick another revision.',
    });
  const template = structuredClone(target.template) as PodTemplate;
  if (template.metadata?.labels) delete template.metadata.labels['pod-template-hash'];
  await patchObject(api, ref, 'json', [{ op: 'replace', path: '/spec/template', value: template }]);
  return target;
}
