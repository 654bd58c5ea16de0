/**
 * Helm releases from the workspace: a revision's rendered manifest and values read straight from
 * its storage Secret (no helm needed), and install/upgrade/uninstall through the `helm` binary,
 * with a server-side dry-run first whose rendered objects are compared with the live release.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments, stringify as toYaml } from 'yaml';
import type { ApiClient } from '../api';
import { ApiError, ProblemError } from '../errors';
import { decodeHelmReleaseJson } from '../helm';
import { getObject } from './objects';
import { helmReleaseHistory, helmVersion, run } from './helm-history';

/** One revision of a release as stored: what it rendered and with which values. */
export interface HelmRevision {
  name: string;
  namespace: string;
  revision: number;
  status: string;
  chart: string;
  /** The rendered manifest (hooks excluded), as Helm stored it. */
  manifest: string;
  /** The hooks' manifests, each with its path and events. */
  hooks: { name: string; path: string; events: string[]; manifest: string }[];
  /** The values the user supplied (`helm get values`). */
  userValues: Record<string, unknown>;
  /** The chart's default values. */
  chartValues: Record<string, unknown>;
  notes?: string;
}

interface FullReleaseJson {
  name?: string;
  namespace?: string;
  version?: number;
  manifest?: string;
  config?: Record<string, unknown> | null;
  info?: { status?: string; notes?: string };
  chart?: { metadata?: { name?: string; version?: string }; values?: Record<string, unknown> | null };
  hooks?: { name?: string; path?: string; events?: string[]; manifest?: string }[] | null;
}

/** The name of the Secret Helm 3 and 4 store a revision in. */
export function releaseSecretName(release: string, revision: number): string {
  return `sh.helm.release.v1.${release}.v${revision}`;
}

/** Reads one revision from its Secret `sh.helm.release.v1.NAME.vN` (base64 → gzip → JSON). */
export async function helmRevision(api: ApiClient, namespace: string, release: string, revision: number): Promise<HelmRevision> {
  let secret;
  try {
    secret = await getObject(api, { apiVersion: 'v1', kind: 'Secret', namespace, name: releaseSecretName(release, revision) });
  } catch (e) {
    if (e instanceof ApiError && e.status === 404)
      throw new ProblemError({
        kind: 'not-found',
        message: `Helm release ${namespace}/${release} has no revision ${revision}.`,
        hint: 'Helm keeps a limited history (--history-max); older revisions are deleted.',
      });
    throw e;
  }
  const r = decodeHelmReleaseJson(secret) as FullReleaseJson;
  return {
    name: r.name ?? release,
    namespace: r.namespace ?? namespace,
    revision: r.version ?? revision,
    status: r.info?.status ?? 'unknown',
    chart: `${r.chart?.metadata?.name ?? '?'}-${r.chart?.metadata?.version ?? '?'}`,
    manifest: r.manifest ?? '',
    hooks: (r.hooks ?? []).map((h) => ({ name: h.name ?? '', path: h.path ?? '', events: h.events ?? [], manifest: h.manifest ?? '' })),
    userValues: r.config ?? {},
    chartValues: r.chart?.values ?? {},
    notes: r.info?.notes || undefined,
  };
}

/** A revision as one read-only YAML document: a header, the manifest, then the hooks. */
export function revisionManifestText(r: HelmRevision): string {
  const head = `# Helm release ${r.namespace}/${r.name}, revision ${r.revision} (${r.status}, chart ${r.chart})\n`;
  const hooks = r.hooks.map((h) => `---\n# Hook ${h.path} (${h.events.join(', ')})\n${h.manifest.trim()}\n`).join('');
  return `${head}${r.manifest.trim() ? `${r.manifest.trim()}\n` : '# (no objects)\n'}${hooks}`;
}

/** A revision's values as YAML: the user-supplied values, then the chart defaults as a comment block. */
export function revisionValuesText(r: HelmRevision): string {
  const user = Object.keys(r.userValues).length ? toYaml(r.userValues, { lineWidth: 0 }) : '{}\n';
  const defaults = Object.keys(r.chartValues).length ? toYaml(r.chartValues, { lineWidth: 0 }) : '{}\n';
  return [
    `# Helm release ${r.namespace}/${r.name}, revision ${r.revision}: user-supplied values`,
    user.trimEnd(),
    '---',
    `# Chart defaults (${r.chart})`,
    ...defaults
      .trimEnd()
      .split('\n')
      .map((l) => `# ${l}`),
    '',
  ].join('\n');
}

/** One object of a rendered manifest, keyed for comparison. */
export interface RenderedObject {
  key: string;
  text: string;
}

/** Splits a rendered manifest into objects keyed `Kind namespace/name`, sorted by key; `# Source:` comments are dropped. */
export function renderedObjects(manifest: string, defaultNamespace: string): RenderedObject[] {
  const out: RenderedObject[] = [];
  for (const doc of parseAllDocuments(manifest)) {
    if (doc.errors.length) continue;
    const o = doc.toJS() as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } } | null;
    if (!o || typeof o !== 'object' || typeof o.kind !== 'string') continue;
    const ns = typeof o.metadata?.namespace === 'string' ? o.metadata.namespace : defaultNamespace;
    const name = typeof o.metadata?.name === 'string' ? o.metadata.name : '?';
    out.push({ key: `${o.kind} ${ns}/${name}`, text: toYaml(o, { lineWidth: 0 }) });
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The comparison of the live release with what a dry-run would make of it. */
export interface ReleaseDiff {
  liveText: string;
  nextText: string;
  added: string[];
  removed: string[];
  changed: string[];
  unchanged: number;
}

/** Compares two rendered manifests object by object, aligned by key so the diff editor pairs them. */
export function diffReleaseManifests(live: string, next: string, namespace: string): ReleaseDiff {
  const a = new Map(renderedObjects(live, namespace).map((o) => [o.key, o.text]));
  const b = new Map(renderedObjects(next, namespace).map((o) => [o.key, o.text]));
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  const d: ReleaseDiff = { liveText: '', nextText: '', added: [], removed: [], changed: [], unchanged: 0 };
  const left: string[] = [];
  const right: string[] = [];
  for (const k of keys) {
    const l = a.get(k);
    const r = b.get(k);
    if (l === undefined) d.added.push(k);
    else if (r === undefined) d.removed.push(k);
    else if (l !== r) d.changed.push(k);
    else d.unchanged++;
    left.push(`# ${k}\n${l ?? '# (not in the release)\n'}`);
    right.push(`# ${k}\n${r ?? '# (removed by this upgrade)\n'}`);
  }
  d.liveText = left.join('---\n');
  d.nextText = right.join('---\n');
  return d;
}

/** What an install or upgrade needs. */
export interface HelmUpgradeOptions {
  release: string;
  /** The chart folder. */
  chart: string;
  namespace: string;
  context: string;
  valuesFiles: readonly string[];
  kubeconfig?: string;
  helmPath?: string;
  /** Roll back (or uninstall a first install) when it fails; default true. */
  atomic?: boolean;
  /** helm's `--timeout` (default 5m0s). */
  timeout?: string;
  /** Creates the namespace when it is missing. */
  createNamespace?: boolean;
}

/** Helm's major version from `helm version --short` (`v3.16.2+g…` → 3). */
export function helmMajor(version: string): number {
  return Number(/^v?(\d+)\./.exec(version.trim())?.[1] ?? 3);
}

/**
 * The arguments of `helm upgrade --install`. Helm 4 renamed `--atomic` to `--rollback-on-failure`;
 * a server-side dry-run prints the release as JSON (its `manifest` is what would be applied).
 */
export function helmUpgradeArgs(o: HelmUpgradeOptions, major: number, dryRun: boolean): string[] {
  const args = ['upgrade', o.release, o.chart, '--install', '--namespace', o.namespace, '--kube-context', o.context];
  if (o.kubeconfig) args.push('--kubeconfig', o.kubeconfig);
  for (const f of o.valuesFiles) args.push('--values', f);
  if (o.createNamespace) args.push('--create-namespace');
  if (dryRun) args.push('--dry-run=server', '--output', 'json');
  else if (o.atomic !== false) args.push(major >= 4 ? '--rollback-on-failure' : '--atomic');
  if (!dryRun) args.push('--timeout', o.timeout ?? '5m0s');
  return args;
}

async function requireHelm(bin: string, what: string): Promise<number> {
  const v = await helmVersion(bin);
  if (!v)
    throw new ProblemError({
      kind: 'not-found',
      message: `${what} needs Helm, and \`${bin}\` could not be run.`,
      hint: 'Install Helm (https://helm.sh/docs/intro/install/) or set shipshape.helm.path. Release history, manifests and values are shown without it.',
    });
  return helmMajor(v);
}

function helmFailed(what: string, stderr: string): ProblemError {
  return new ProblemError({
    kind: 'unknown',
    message: `helm ${what} failed: ${stderr.trim().replace(/^Error: /, '')}`,
    hint: 'Nothing was changed by Shipshape.',
  });
}

/** The outcome of a server-side dry-run of an install or upgrade. */
export interface HelmDryRun {
  /** What the release would contain (hooks excluded). */
  manifest: string;
  /** Whether the release exists (an upgrade) or not (an install). */
  upgrade: boolean;
  diff: ReleaseDiff;
}

/**
 * Runs `helm upgrade --install --dry-run=server` and compares its manifest with the live release's
 * latest revision (read from its Secret). Nothing in the cluster changes.
 */
export async function helmDryRun(api: ApiClient, o: HelmUpgradeOptions): Promise<HelmDryRun> {
  const bin = o.helmPath?.trim() || 'helm';
  const major = await requireHelm(bin, 'Installing a chart');
  const r = await run(bin, helmUpgradeArgs(o, major, true));
  if (r.code !== 0) throw helmFailed('upgrade --dry-run=server', r.stderr || r.stdout);
  let manifest: string;
  try {
    manifest = (JSON.parse(r.stdout) as FullReleaseJson).manifest ?? '';
  } catch {
    throw helmFailed('upgrade --dry-run=server', `unreadable output: ${r.stdout.slice(0, 200)}`);
  }
  const current = (await helmReleaseHistory(api, o.namespace, o.release))[0]?.revision;
  const live = current !== undefined ? (await helmRevision(api, o.namespace, o.release, current)).manifest : '';
  return { manifest, upgrade: current !== undefined, diff: diffReleaseManifests(live, manifest, o.namespace) };
}

/** Runs `helm upgrade --install` (atomic unless asked otherwise); returns helm's output. */
export async function helmUpgrade(o: HelmUpgradeOptions): Promise<string> {
  const bin = o.helmPath?.trim() || 'helm';
  const major = await requireHelm(bin, 'Installing a chart');
  const r = await run(bin, helmUpgradeArgs(o, major, false));
  if (r.code !== 0) throw helmFailed('upgrade --install', r.stderr || r.stdout);
  return r.stdout.trim();
}

/** What an uninstall needs. */
export interface HelmUninstallOptions {
  release: string;
  namespace: string;
  context: string;
  kubeconfig?: string;
  helmPath?: string;
}

/** Runs `helm uninstall`; returns helm's output. */
export async function helmUninstall(o: HelmUninstallOptions): Promise<string> {
  const bin = o.helmPath?.trim() || 'helm';
  await requireHelm(bin, 'Uninstalling a release');
  const args = ['uninstall', o.release, '--namespace', o.namespace, '--kube-context', o.context];
  if (o.kubeconfig) args.push('--kubeconfig', o.kubeconfig);
  const r = await run(bin, args);
  if (r.code !== 0) throw helmFailed('uninstall', r.stderr || r.stdout);
  return r.stdout.trim();
}

/**
 * The values files to offer for a chart: `values*.yaml` / `*.values.yaml` in the chart folder and
 * its `ci/` folder, then those among `workspaceFiles` outside the chart, chart ones first.
 */
export function valuesFileCandidates(chartDir: string, workspaceFiles: readonly string[] = []): string[] {
  const isValues = (f: string): boolean => /^(values[\w.-]*|[\w.-]+\.values)\.ya?ml$/i.test(path.basename(f));
  const inChart: string[] = [];
  for (const dir of [chartDir, path.join(chartDir, 'ci')]) {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const n of names.sort()) if (isValues(n) && fs.statSync(path.join(dir, n)).isFile()) inChart.push(path.join(dir, n));
  }
  const root = path.resolve(chartDir) + path.sep;
  const outside = workspaceFiles.filter((f) => isValues(f) && !path.resolve(f).startsWith(root)).sort();
  return [...inChart, ...outside];
}

/** A release name Helm accepts (DNS-1123 label, at most 53 characters); undefined when valid, else why not. */
export function validateReleaseName(name: string): string | undefined {
  if (!name) return 'A release needs a name.';
  if (name.length > 53) return 'At most 53 characters.';
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name))
    return 'Lower-case letters, digits and "-", starting and ending with a letter or digit.';
  return undefined;
}
