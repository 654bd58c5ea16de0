/**
 * The keys of a Compose file and the YAML shape of their values, written from the Compose
 * Specification (compose-spec/compose-spec, schema `compose-spec.json` as published for Docker
 * Compose v2.3x, 2025). Only what the offline checks need: the known keys of each mapping that is
 * closed (`additionalProperties: false` in the schema) and the shapes a value may take.
 */
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';

/** The version of the Compose Specification these keys follow. */
export const COMPOSE_SPEC_VERSION = 'compose-spec 2.x (Docker Compose v2.30+)';

/** The YAML shapes a value may have: any of the listed ones. */
export type Shape = 'string' | 'number' | 'boolean' | 'list' | 'map';

/** A closed mapping: its keys, each with the shapes it accepts and, for nested closed mappings, their spec. */
export interface MapSpec {
  readonly name: string;
  readonly keys: ReadonlyMap<string, KeySpec>;
}

/** One key of a closed mapping. */
export interface KeySpec {
  readonly shapes: readonly Shape[];
  /** The spec of the value when it is a closed mapping. */
  readonly map?: MapSpec;
  /** The spec of each value of an open mapping (`services`: name → service). */
  readonly values?: MapSpec;
}

const S: Shape[] = ['string'];
const N: Shape[] = ['number', 'string'];
const B: Shape[] = ['boolean', 'string'];
const L: Shape[] = ['list'];
const M: Shape[] = ['map'];
const LM: Shape[] = ['list', 'map'];
const SL: Shape[] = ['string', 'list'];
const ANY: Shape[] = ['string', 'number', 'boolean', 'list', 'map'];

function spec(name: string, keys: Record<string, Shape[] | KeySpec>): MapSpec {
  return { name, keys: new Map(Object.entries(keys).map(([k, v]) => [k, Array.isArray(v) ? { shapes: v } : v])) };
}

const HEALTHCHECK = spec('healthcheck', {
  disable: B,
  interval: S,
  retries: N,
  start_interval: S,
  start_period: S,
  test: SL,
  timeout: S,
});

const BUILD = spec('build', {
  additional_contexts: LM,
  args: LM,
  cache_from: L,
  cache_to: L,
  context: S,
  dockerfile: S,
  dockerfile_inline: S,
  entitlements: L,
  extra_hosts: LM,
  isolation: S,
  labels: LM,
  network: S,
  no_cache: B,
  platforms: L,
  privileged: B,
  provenance: ['string', 'boolean'],
  pull: B,
  sbom: ['string', 'boolean'],
  secrets: L,
  shm_size: N,
  ssh: LM,
  tags: L,
  target: S,
  ulimits: M,
});

const DEPLOY = spec('deploy', {
  endpoint_mode: S,
  labels: LM,
  mode: S,
  placement: M,
  replicas: N,
  resources: M,
  restart_policy: M,
  rollback_config: M,
  update_config: M,
});

/** The keys of a service. */
export const SERVICE = spec('service', {
  annotations: LM,
  attach: B,
  blkio_config: M,
  build: { shapes: ['string', 'map'], map: BUILD },
  cap_add: L,
  cap_drop: L,
  cgroup: S,
  cgroup_parent: S,
  command: ['string', 'list'],
  configs: L,
  container_name: S,
  cpu_count: N,
  cpu_percent: N,
  cpu_period: N,
  cpu_quota: N,
  cpu_rt_period: N,
  cpu_rt_runtime: N,
  cpu_shares: N,
  cpus: N,
  cpuset: S,
  credential_spec: M,
  depends_on: LM,
  deploy: { shapes: M, map: DEPLOY },
  develop: M,
  device_cgroup_rules: L,
  devices: L,
  dns: SL,
  dns_opt: L,
  dns_search: SL,
  domainname: S,
  entrypoint: ['string', 'list'],
  env_file: SL,
  environment: LM,
  expose: L,
  extends: ['string', 'map'],
  external_links: L,
  extra_hosts: LM,
  gpus: ['string', 'list'],
  group_add: L,
  healthcheck: { shapes: M, map: HEALTHCHECK },
  hostname: S,
  image: S,
  init: B,
  ipc: S,
  isolation: S,
  label_file: SL,
  labels: LM,
  links: L,
  logging: M,
  mac_address: S,
  mem_limit: N,
  mem_reservation: N,
  mem_swappiness: N,
  memswap_limit: N,
  models: LM,
  network_mode: S,
  networks: LM,
  oom_kill_disable: B,
  oom_score_adj: N,
  pid: S,
  pids_limit: N,
  platform: S,
  ports: L,
  post_start: L,
  pre_stop: L,
  privileged: B,
  profiles: L,
  provider: M,
  pull_policy: S,
  pull_refresh_after: S,
  read_only: B,
  restart: S,
  runtime: S,
  scale: N,
  secrets: L,
  security_opt: L,
  shm_size: N,
  stdin_open: B,
  stop_grace_period: S,
  stop_signal: S,
  storage_opt: M,
  sysctls: LM,
  tmpfs: SL,
  tty: B,
  ulimits: M,
  use_api_socket: B,
  user: S,
  userns_mode: S,
  uts: S,
  volumes: L,
  volumes_from: L,
  working_dir: S,
});

/** The top-level keys of a Compose file. */
export const TOP_LEVEL = spec('Compose file', {
  configs: M,
  include: L,
  models: M,
  name: S,
  networks: M,
  secrets: M,
  services: { shapes: M, values: SERVICE },
  version: ANY,
  volumes: M,
});

/** One problem with the shape of a Compose file. */
export interface ComposeSchemaIssue {
  readonly code: 'unknown-key' | 'type';
  readonly node: Node;
  readonly key: string;
  /** The closest known key, for unknown keys. */
  readonly suggestion?: string;
  readonly message: string;
}

function shapeOf(node: unknown): Shape | undefined {
  if (isMap(node)) return 'map';
  if (isSeq(node)) return 'list';
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  const v = node.value;
  return typeof v === 'boolean' ? 'boolean' : typeof v === 'number' ? 'number' : 'string';
}

function describe(shape: Shape): string {
  return shape === 'list' ? 'a list' : shape === 'map' ? 'a mapping' : `a ${shape}`;
}

/** Walks a Compose file's root mapping and reports unknown keys and values of the wrong shape. */
export function composeSchemaIssues(
  root: unknown,
  closest: (key: string, names: Iterable<string>) => string | undefined,
): ComposeSchemaIssue[] {
  const out: ComposeSchemaIssue[] = [];
  const visit = (node: unknown, s: MapSpec): void => {
    if (!isMap(node)) return;
    for (const item of node.items) {
      if (!isPair(item) || !isScalar(item.key)) continue;
      const key = String(item.key.value);
      // Extensions (`x-…`) and merge keys are open by the specification.
      if (key.startsWith('x-') || key === '<<') continue;
      const k = s.keys.get(key);
      if (!k) {
        const suggestion = closest(key, s.keys.keys());
        out.push({
          code: 'unknown-key',
          node: item.key as Node,
          key,
          suggestion,
          message: `Unknown key "${key}" in ${s.name}${suggestion ? `; did you mean "${suggestion}"?` : '.'}`,
        });
        continue;
      }
      const shape = shapeOf(item.value);
      if (shape === undefined) continue;
      const accepted =
        k.shapes.includes(shape) || (shape !== 'list' && shape !== 'map' && k.shapes.includes('string') && !k.shapes.includes('boolean'));
      if (!accepted) {
        out.push({
          code: 'type',
          node: item.value as Node,
          key,
          message: `"${key}" must be ${k.shapes.map(describe).join(' or ')}, not ${describe(shape)}.`,
        });
        continue;
      }
      if (k.map && shape === 'map') visit(item.value, k.map);
      if (k.values && isMap(item.value)) {
        for (const sub of item.value.items)
          if (isPair(sub) && isScalar(sub.key) && !String(sub.key.value).startsWith('x-')) visit(sub.value, k.values);
      }
    }
  };
  visit(root, TOP_LEVEL);
  return out;
}
