/**
 * API discovery: which resources a cluster serves, under which plural, at which scope, with which
 * verbs. Kinds are never guessed into URLs (IngressClass is `ingressclasses` and cluster-scoped;
 * a CRD decides both for itself). Answers are cached per context (per {@link ApiClient}) and a
 * kind missing from the cached answer refreshes its group version once, so a CRD installed after
 * the first look is found.
 */
import type { ApiClient } from './api';
import { ApiError, ProblemError } from './errors';
import type { KindInfo } from './kinds';

/** One resource type as discovery lists it. */
export interface ApiResource extends KindInfo {
  verbs: string[];
  /** Subresources (`scale`, `status`, `log`, …). */
  subresources: string[];
}

interface ResourceListJson {
  resources: { name: string; kind: string; namespaced: boolean; verbs?: string[] }[];
}

interface GroupListJson {
  groups: { name: string; preferredVersion?: { version: string }; versions: { version: string }[] }[];
}

/** `group/version` → [group, version]. */
function splitApiVersion(apiVersion: string): [string, string] {
  const i = apiVersion.indexOf('/');
  return i < 0 ? ['', apiVersion] : [apiVersion.slice(0, i), apiVersion.slice(i + 1)];
}

/** The discovered resources of one context. */
export class Discovery {
  private readonly byVersion = new Map<string, Promise<ApiResource[] | undefined>>();
  private groups: Promise<GroupListJson> | undefined;

  constructor(private readonly api: ApiClient) {}

  /** The resources of one group version (`v1`, `apps/v1`); undefined when the server does not serve it. */
  resourcesOf(apiVersion: string, refresh = false): Promise<ApiResource[] | undefined> {
    let p = refresh ? undefined : this.byVersion.get(apiVersion);
    if (!p) {
      p = this.fetch(apiVersion);
      this.byVersion.set(apiVersion, p);
      // A failure (not a 404) is not remembered: the next look asks again.
      p.catch(() => this.byVersion.delete(apiVersion));
    }
    return p;
  }

  private async fetch(apiVersion: string): Promise<ApiResource[] | undefined> {
    const [group, version] = splitApiVersion(apiVersion);
    let list: ResourceListJson;
    try {
      list = await this.api.get<ResourceListJson>(group ? `/apis/${group}/${version}` : `/api/${version}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return undefined;
      throw e;
    }
    const subs = new Map<string, string[]>();
    for (const r of list.resources) {
      const [base, sub] = r.name.split('/');
      if (sub) subs.set(base, [...(subs.get(base) ?? []), sub]);
    }
    return list.resources
      .filter((r) => !r.name.includes('/'))
      .map((r) => ({
        group,
        version,
        kind: r.kind,
        plural: r.name,
        namespaced: r.namespaced,
        title: r.kind,
        verbs: r.verbs ?? [],
        subresources: subs.get(r.name) ?? [],
      }));
  }

  /**
   * The resource of a kind in a group version, refreshing the cached answer once on a miss.
   * Throws a not-found problem when the cluster does not serve it.
   */
  async resolve(kind: string, apiVersion: string): Promise<ApiResource> {
    for (const refresh of [false, true]) {
      const found = (await this.resourcesOf(apiVersion, refresh))?.find((r) => r.kind === kind);
      if (found) return found;
    }
    throw new ProblemError({
      kind: 'not-found',
      message: `The cluster does not serve ${kind} in ${apiVersion}.`,
      hint: 'Check the apiVersion (`kubectl api-resources`), or install the CRD that defines it.',
    });
  }

  /** Every API group's preferred version and its resources, by group (core `""` excluded), sorted by group. */
  async preferred(signal?: AbortSignal): Promise<Map<string, ApiResource[]>> {
    this.groups ??= this.api.get<GroupListJson>('/apis', { signal });
    let groups: GroupListJson;
    try {
      groups = await this.groups;
    } catch (e) {
      this.groups = undefined;
      throw e;
    }
    const out = new Map<string, ApiResource[]>();
    await Promise.all(
      groups.groups.map(async (g) => {
        const v = g.preferredVersion?.version ?? g.versions[0]?.version;
        if (!v) return;
        try {
          const rs = await this.resourcesOf(`${g.name}/${v}`);
          if (rs?.length) out.set(g.name, rs);
        } catch {
          // an aggregated API that is down must not hide the others
        }
      }),
    );
    return new Map([...out].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** Forgets everything (the explorer's Refresh). */
  clear(): void {
    this.byVersion.clear();
    this.groups = undefined;
  }
}

const cache = new WeakMap<ApiClient, Discovery>();

/** The discovery cache of a context's client. */
export function discoveryOf(api: ApiClient): Discovery {
  let d = cache.get(api);
  if (!d) cache.set(api, (d = new Discovery(api)));
  return d;
}
