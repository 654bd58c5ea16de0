/**
 * Workload controls: run a CronJob now (a Job from its template, as `kubectl create job
 * --from=cronjob/…` makes it), suspend and resume a CronJob, pause and resume a Deployment's
 * rollout, and set the image of one container of a workload (`kubectl set image`). Restarts are
 * {@link rolloutRestart}'s.
 */
import { randomBytes } from 'node:crypto';
import type { ApiClient, KubeObject } from '../api';
import { ProblemError } from '../errors';
import { getObject, patchObject, type ObjectRef } from './objects';
import { POD_SPEC_PATH } from '../../../../server/src/k8s/pod-spec-path';

type Ref = Omit<ObjectRef, 'context'>;

/** The annotation kubectl puts on a Job it creates from a CronJob by hand. */
export const INSTANTIATE = 'cronjob.kubernetes.io/instantiate';

/** A Job name for a manual run: `<cronjob>-manual-<5 characters>`, within the 63 characters a Job's pods' label allows. */
export function manualJobName(cronJob: string, suffix = randomBytes(3).toString('hex').slice(0, 5)): string {
  const tail = `-manual-${suffix}`;
  return `${cronJob.slice(0, 63 - tail.length).replace(/[-.]+$/, '')}${tail}`;
}

interface CronJobShape {
  spec?: {
    suspend?: boolean;
    jobTemplate?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: unknown };
  };
}

/** The Job kubectl would create from the CronJob (`kubectl create job NAME --from=cronjob/CJ`). */
export function jobFromCronJob(cronJob: KubeObject, name: string): KubeObject {
  const t = (cronJob as KubeObject & CronJobShape).spec?.jobTemplate;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: cronJob.metadata.namespace,
      // The template's own annotations are copied after, as kubectl does.
      annotations: { [INSTANTIATE]: 'manual', ...t?.metadata?.annotations },
      labels: t?.metadata?.labels,
      // No blockOwnerDeletion, as kubectl: setting it would need the cronjobs/finalizers permission.
      ownerReferences: [
        { apiVersion: 'batch/v1', kind: 'CronJob', name: cronJob.metadata.name, uid: cronJob.metadata.uid ?? '', controller: true },
      ],
    },
    spec: t?.spec,
  };
}

/** Runs the CronJob now; resolves with the created Job. */
export async function triggerCronJob(api: ApiClient, ref: Ref, name?: string): Promise<KubeObject> {
  const cj = await getObject(api, { ...ref, kind: 'CronJob' });
  const job = jobFromCronJob(cj, name ?? manualJobName(cj.metadata.name));
  const ns = encodeURIComponent(cj.metadata.namespace ?? ref.namespace ?? 'default');
  return api.request<KubeObject>('POST', `/apis/batch/v1/namespaces/${ns}/jobs`, job);
}

/** Suspends (true) or resumes (false) a CronJob's schedule; resolves with the CronJob. */
export async function setCronJobSuspended(api: ApiClient, ref: Ref, suspend: boolean): Promise<KubeObject> {
  if (ref.kind !== 'CronJob') throw new Error(`${ref.kind} has no schedule to suspend (CronJobs do).`);
  return patchObject(api, ref, 'merge', { spec: { suspend } });
}

/** Pauses (true) or resumes (false) a Deployment's rollout (`kubectl rollout pause|resume`). */
export async function setRolloutPaused(api: ApiClient, ref: Ref, paused: boolean): Promise<KubeObject> {
  if (ref.kind !== 'Deployment') throw new Error(`Only Deployments can pause a rollout; ${ref.kind} cannot.`);
  const obj = await getObject(api, ref);
  const now = (obj.spec as { paused?: boolean } | undefined)?.paused === true;
  if (now === paused)
    throw new ProblemError({
      kind: 'bad-request',
      message: `Deployment ${ref.name} is ${paused ? 'already paused' : 'not paused'}.`,
      hint: paused ? 'Resume it to let the rollout continue.' : 'Nothing to resume.',
    });
  // kubectl writes `paused: true` and removes the field on resume.
  return patchObject(api, ref, 'merge', { spec: { paused: paused ? true : null } });
}

/** One container of a workload with its image. */
export interface ContainerImage {
  name: string;
  image: string;
  init: boolean;
}

/** The containers (init containers first) of a workload object. */
export function containerImages(obj: KubeObject): ContainerImage[] {
  let cur: unknown = obj;
  for (const p of POD_SPEC_PATH[obj.kind ?? ''] ?? []) cur = (cur as Record<string, unknown> | undefined)?.[p];
  const spec = (cur ?? {}) as { containers?: { name: string; image?: string }[]; initContainers?: { name: string; image?: string }[] };
  return [
    ...(spec.initContainers ?? []).map((c) => ({ name: c.name, image: c.image ?? '', init: true })),
    ...(spec.containers ?? []).map((c) => ({ name: c.name, image: c.image ?? '', init: false })),
  ];
}

/** Checks an image reference typed by a person: undefined when it looks like one, else why not. */
export function validateImage(text: string): string | undefined {
  const s = text.trim();
  if (!s) return 'An image, e.g. nginx:1.27 or registry.example.com/team/app@sha256:…';
  if (/\s/.test(s)) return 'An image reference has no spaces.';
  if (!/^[a-z0-9]([a-z0-9._\-/:]*[a-z0-9_])?(@sha256:[a-f0-9]{64})?$/i.test(s)) return 'Not an image reference.';
  return undefined;
}

/** Sets one container's image (`kubectl set image`); resolves with the updated object. */
export async function setImage(api: ApiClient, ref: Ref, container: string, image: string): Promise<KubeObject> {
  const path = POD_SPEC_PATH[ref.kind];
  if (!path) throw new Error(`${ref.kind} has no containers to set an image on.`);
  const why = validateImage(image);
  if (why) throw new ProblemError({ kind: 'bad-request', message: `"${image}": ${why}`, hint: 'Type the image as docker pull takes it.' });
  const obj = await getObject(api, ref);
  obj.kind ??= ref.kind;
  const found = containerImages(obj).find((c) => c.name === container);
  if (!found)
    throw new ProblemError({
      kind: 'not-found',
      message: `${ref.kind} ${ref.name} has no container "${container}".`,
      hint: `Its containers: ${
        containerImages(obj)
          .map((c) => c.name)
          .join(', ') || 'none'
      }.`,
    });
  const list = found.init ? 'initContainers' : 'containers';
  let patch: Record<string, unknown> = { [list]: [{ name: container, image: image.trim() }] };
  for (const p of [...path].reverse()) patch = { [p]: patch };
  return patchObject(api, ref, 'strategic', patch);
}
