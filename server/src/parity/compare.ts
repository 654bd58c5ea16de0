/**
 * Environment parity: pairs Compose services with Kubernetes containers and lists where the two
 * disagree. Values are never compared or shown (secrets live there); names, ports, image
 * repositories and the presence of healthchecks and overrides are.
 */
import type { Range } from '../engine/types';
import type { ContainerFacts, ServiceFacts } from './facts';

/** How a pair was made, strongest first. */
export type PairedBy = 'configuration' | 'label' | 'name' | 'image';

/** A Compose service and the Kubernetes container that runs the same thing. */
export interface Pair {
  readonly service: ServiceFacts;
  readonly container: ContainerFacts;
  readonly by: PairedBy;
}

/** One disagreement, with its place on each side. */
export interface Drift {
  readonly message: string;
  readonly compose: { readonly range: Range; readonly note: string };
  readonly k8s: { readonly range: Range; readonly note: string };
}

/** What `.shipshape.yaml` says about pairing. */
export interface PairOptions {
  /** Pair by label, name and image repository; false leaves only the `pairs` given by hand. */
  readonly auto: boolean;
  /** `service=Kind/name` or `service=name` (a workload of any kind). */
  readonly pairs: readonly string[];
}

/** The container of one workload that best matches a service: same image repository, same name, else the first. */
function bestContainer(list: readonly ContainerFacts[], s: ServiceFacts): ContainerFacts {
  return list.find((c) => s.image && c.image && c.image.repo === s.image.repo) ?? list.find((c) => c.container === s.name) ?? list[0]!;
}

function byWorkload(containers: readonly ContainerFacts[]): Map<string, ContainerFacts[]> {
  const m = new Map<string, ContainerFacts[]>();
  for (const c of containers) {
    const key = `${c.uri}#${c.namespace ?? ''}#${c.workload}`;
    let list = m.get(key);
    if (!list) m.set(key, (list = []));
    list.push(c);
  }
  return m;
}

/** Pairs services with workload containers: by hand, then by label, name, and image repository. */
export function pairUp(services: readonly ServiceFacts[], containers: readonly ContainerFacts[], opts: PairOptions): Pair[] {
  const workloads = [...byWorkload(containers).values()];
  const out: Pair[] = [];
  const taken = new Set<ContainerFacts[]>();
  const manual = new Map<string, string[]>();
  for (const p of opts.pairs) {
    const eq = p.indexOf('=');
    if (eq <= 0) continue;
    const svc = p.slice(0, eq).trim();
    let list = manual.get(svc);
    if (!list) manual.set(svc, (list = []));
    list.push(p.slice(eq + 1).trim());
  }
  const rounds: [PairedBy, (s: ServiceFacts, w: ContainerFacts[]) => boolean][] = [
    ['configuration', (s, w) => (manual.get(s.name) ?? []).some((t) => t === w[0]!.workload || t === w[0]!.name)],
  ];
  if (opts.auto)
    rounds.push(
      ['label', (s, w) => w.some((c) => c.pairLabel === s.name)],
      ['name', (s, w) => w[0]!.name === s.name || w.some((c) => c.container === s.name)],
      ['image', (s, w) => !!s.image && w.some((c) => c.image?.repo === s.image!.repo)],
    );
  const paired = new Set<ServiceFacts>();
  for (const [by, test] of rounds) {
    const now: Pair[] = [];
    for (const s of services) {
      if (paired.has(s)) continue;
      for (const w of workloads) if (!taken.has(w) && test(s, w)) now.push({ service: s, container: bestContainer(w, s), by });
    }
    // A service paired in a stronger round keeps only those pairs; a workload belongs to one service.
    for (const p of now) {
      paired.add(p.service);
      for (const w of workloads) if (w.includes(p.container)) taken.add(w);
      out.push(p);
    }
  }
  return out;
}

/** Where the pair's two sides disagree. */
export function drifts(pair: Pair): Drift[] {
  const { service: s, container: c } = pair;
  const svc = `Compose service "${s.name}"`;
  const wl = `${c.workload}${c.container && c.container !== c.name ? ` (container "${c.container}")` : ''}`;
  const out: Drift[] = [];
  if (s.image && c.image) {
    if (pair.by !== 'image' && s.image.repo !== c.image.repo)
      out.push({
        message: `${svc} runs image repository ${s.image.repo}, ${wl} runs ${c.image.repo}.`,
        compose: { range: s.image.range, note: `${svc} runs ${s.image.repo}` },
        k8s: { range: c.image.range, note: `${wl} runs ${c.image.repo}` },
      });
    const pinned = (i: typeof s.image) => i.digest || (i.tag !== undefined && i.tag !== 'latest');
    if (pinned(c.image) && !pinned(s.image))
      out.push({
        message: `${wl} pins its image tag, but ${svc} floats (${s.image.tag === undefined ? 'no tag' : ':latest'}): local runs may not match production.`,
        compose: { range: s.image.range, note: `${svc} floats its tag` },
        k8s: { range: c.image.range, note: `${wl} pins its tag` },
      });
  }
  if (!c.envFrom) {
    const k8s = new Set(c.env.map((e) => e.value));
    for (const e of s.env)
      if (!k8s.has(e.value))
        out.push({
          message: `${svc} sets ${e.value}, ${wl} does not.`,
          compose: { range: e.range, note: `${svc} sets ${e.value}` },
          k8s: { range: c.anchor, note: `${wl} does not set ${e.value}` },
        });
  }
  if (!s.envFile) {
    const local = new Set(s.env.map((e) => e.value));
    for (const e of c.env)
      if (!local.has(e.value))
        out.push({
          message: `${wl} sets ${e.value}, ${svc} does not.`,
          compose: { range: s.keyRange, note: `${svc} does not set ${e.value}` },
          k8s: { range: e.range, note: `${wl} sets ${e.value}` },
        });
  }
  if (s.ports.length && c.ports.length) {
    const k8s = new Set(c.ports.map((p) => p.value));
    const local = new Set(s.ports.map((p) => p.value));
    const onlyLocal = s.ports.filter((p) => !k8s.has(p.value));
    const onlyK8s = c.ports.filter((p) => !local.has(p.value));
    if (onlyLocal.length || onlyK8s.length)
      out.push({
        message: `${svc} exposes container port ${[...local].join(', ')}, ${wl} declares ${[...k8s].join(', ')}.`,
        compose: { range: (onlyLocal[0] ?? s.ports[0]!).range, note: `${svc} exposes ${[...local].join(', ')}` },
        k8s: { range: (onlyK8s[0] ?? c.ports[0]!).range, note: `${wl} declares ${[...k8s].join(', ')}` },
      });
  }
  if (s.healthcheck && !c.readinessProbe)
    out.push({
      message: `${svc} has a healthcheck, ${wl} has no readinessProbe: production sends traffic before the app is ready.`,
      compose: { range: s.healthcheck, note: `${svc} has a healthcheck` },
      k8s: { range: c.anchor, note: `${wl} has no readinessProbe` },
    });
  if (!s.healthcheck && c.readinessProbe)
    out.push({
      message: `${wl} has a readinessProbe, ${svc} has no healthcheck: local dependents start before it is ready.`,
      compose: { range: s.keyRange, note: `${svc} has no healthcheck` },
      k8s: { range: c.readinessProbe, note: `${wl} has a readinessProbe` },
    });
  if (s.command && !c.command)
    out.push({
      message: `${svc} overrides the image's command or entrypoint, ${wl} does not.`,
      compose: { range: s.command, note: `${svc} overrides the command` },
      k8s: { range: c.anchor, note: `${wl} runs the image's own command` },
    });
  if (!s.command && c.command)
    out.push({
      message: `${wl} overrides the image's command or arguments, ${svc} does not.`,
      compose: { range: s.keyRange, note: `${svc} runs the image's own command` },
      k8s: { range: c.command, note: `${wl} overrides the command` },
    });
  return out;
}
