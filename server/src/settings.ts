/**
 * Every user-facing setting, in one place: the server reads its defaults from here, and the
 * `contributes.configuration` block of package.json is generated from it (a test keeps them equal).
 */

/** One `shipshape.*` setting. */
export interface SettingSpec {
  readonly key: string;
  readonly type: 'string' | 'number' | 'boolean' | 'object' | 'array';
  readonly default: unknown;
  readonly description: string;
  readonly enum?: readonly string[];
  readonly items?: { type: string };
  /** VS Code scope; `machine` for settings a workspace must not be able to set (paths to binaries). */
  readonly scope?: 'application' | 'machine' | 'window' | 'resource' | 'machine-overridable';
}

/** Settings the rule engine uses, as the server receives them. */
export interface EngineSettings {
  rules: Record<string, unknown>;
  kubernetesVersion: string;
  maxFileSize: number;
}

/** The Kubernetes minor version assumed when none is configured. */
export const DEFAULT_KUBERNETES_VERSION = '1.33';

export const DEFAULT_ENGINE_SETTINGS: EngineSettings = {
  rules: {},
  kubernetesVersion: DEFAULT_KUBERNETES_VERSION,
  maxFileSize: 5 * 1024 * 1024,
};

/** The language server's time budget for one check of one file, in milliseconds. */
export const DEFAULT_CHECK_TIMEOUT = 10_000;

/**
 * The budget a client asks for (`initializationOptions.checkTimeout`, for tests and other editors),
 * kept between 1 and 60 seconds.
 */
export function checkTimeoutOf(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(60_000, Math.max(1_000, v)) : DEFAULT_CHECK_TIMEOUT;
}

/** The engine settings plus those that only the client uses. */
export const SETTINGS: readonly SettingSpec[] = [
  {
    key: 'shipshape.rules',
    type: 'object',
    default: {},
    description:
      'Per-rule severity (`error`, `warning`, `info`, `hint`, `off`) or `{ "severity": …, <option>: … }`, keyed by rule id. A `.shipshape.yaml` in the project overrides these.',
    scope: 'resource',
  },
  {
    key: 'shipshape.kubernetesVersion',
    type: 'string',
    default: DEFAULT_KUBERNETES_VERSION,
    description: 'Kubernetes minor version of the target cluster (e.g. `1.33`); decides which apiVersions are deprecated or removed.',
    scope: 'resource',
  },
  {
    key: 'shipshape.maxFileSize',
    type: 'number',
    default: DEFAULT_ENGINE_SETTINGS.maxFileSize,
    description:
      'Files with more characters than this are not parsed and no rule runs on them (one info diagnostic says so). The size is looked at before parsing.',
    scope: 'resource',
  },
  {
    key: 'shipshape.helm.path',
    type: 'string',
    default: '',
    description:
      'Path to the `helm` binary used to render charts and run `helm lint` (empty: `helm` on `PATH`). Helm only runs in a trusted workspace.',
    scope: 'machine',
  },
  {
    key: 'shipshape.helm.valuesFiles',
    type: 'array',
    items: { type: 'string' },
    default: [],
    description:
      "Extra values files passed to `helm template` after `values.yaml`, relative to each chart (e.g. `values-prod.yaml`); missing files, and files outside the chart's workspace folder, are skipped.",
    scope: 'resource',
  },
  {
    key: 'shipshape.trace.server',
    type: 'string',
    default: 'off',
    enum: ['off', 'messages', 'verbose'],
    description: 'Traces the communication between VS Code and the Shipshape language server.',
    scope: 'window',
  },
  {
    key: 'shipshape.kubeconfig',
    type: 'string',
    default: '',
    description:
      'Kubeconfig file(s) for the cluster explorer (several joined by the OS path separator). Empty: `KUBECONFIG` (merged like kubectl), then `~/.kube/config`. Machine scope: a workspace cannot point it at a file with exec plugins.',
    scope: 'machine',
  },
  {
    key: 'shipshape.explorer.maxItems',
    type: 'number',
    default: 500,
    description: 'Objects listed per kind in the cluster explorer before the rest are summarised in one node.',
    scope: 'window',
  },
  {
    key: 'shipshape.cluster.requestTimeout',
    type: 'number',
    default: 15000,
    description: 'Milliseconds to wait for the Kubernetes API server to answer before showing a timeout message.',
    scope: 'window',
  },
  {
    key: 'shipshape.logs.maxLines',
    type: 'number',
    default: 10000,
    description:
      'Lines each log view keeps (the newest; older ones are dropped and the first line says how many). At least 100. Large values make filtering and redrawing slower.',
    scope: 'window',
  },
  {
    key: 'shipshape.exec.shell',
    type: 'string',
    default: '',
    description:
      'Shell for "Open Shell in Container"; tried first, then `bash`, then `sh` (empty: `bash`, then `sh`). Machine scope: a workspace cannot choose the program run in your containers.',
    scope: 'machine',
  },
  {
    key: 'shipshape.cluster.productionContextPattern',
    type: 'string',
    default: 'pro?d',
    description:
      'Regular expression (case-insensitive) for production context names (the default matches `prod`, `production` and `prd` anywhere in the name): mutating actions (apply, scale, delete, restart, rollback) in a matching context ask for confirmation twice. Empty: never. Machine scope: a workspace cannot turn it off.',
    scope: 'machine',
  },
  {
    key: 'shipshape.cluster.codeLens',
    type: 'boolean',
    default: true,
    description:
      'Show "Diagnose" and "Describe" above each workload in a YAML manifest that exists, with the same name and namespace, in the current cluster context (one GET per object, cached briefly).',
    scope: 'window',
  },
];

/** The `shipshape.helm.*` settings, as the render service reads them. */
export interface HelmSettings {
  path: string;
  valuesFiles: string[];
}
