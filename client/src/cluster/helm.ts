/**
 * Helm 3 releases, decoded from their storage Secrets (`type: helm.sh/release.v1`, labels
 * `owner=helm`, `name`, `version`, `status`). The Secret's `data.release` is base64 (the Secret
 * encoding) of base64 (Helm's) of gzipped release JSON.
 */
import { gunzipSync } from 'node:zlib';
import type { KubeObject } from './api';

/** The Secret type Helm 3 stores releases in. */
export const HELM_RELEASE_SECRET_TYPE = 'helm.sh/release.v1';

/** What the tree shows for one release revision. */
export interface HelmRelease {
  name: string;
  namespace: string;
  revision: number;
  status: string;
  chart: string;
  chartVersion: string;
  appVersion?: string;
  updated?: string;
  description?: string;
}

interface ReleaseJson {
  name?: string;
  namespace?: string;
  version?: number;
  info?: { status?: string; last_deployed?: string; description?: string };
  chart?: { metadata?: { name?: string; version?: string; appVersion?: string } };
}

/** Decodes the release JSON from a Helm Secret; throws on anything that is not one. */
export function decodeHelmReleaseJson(secret: KubeObject): ReleaseJson {
  const data = secret.data?.release;
  if (secret.type !== HELM_RELEASE_SECRET_TYPE || typeof data !== 'string')
    throw new Error(`${secret.metadata.name} is not a Helm release Secret`);
  const helmEncoded = Buffer.from(data, 'base64').toString('latin1');
  let bytes = Buffer.from(helmEncoded, 'base64');
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes, { maxOutputLength: 64 * 1024 * 1024 });
  return JSON.parse(bytes.toString('utf8')) as ReleaseJson;
}

/** The release summary of one Helm Secret, or undefined when it is not a readable release. */
export function decodeHelmRelease(secret: KubeObject): HelmRelease | undefined {
  try {
    const r = decodeHelmReleaseJson(secret);
    const labels = secret.metadata.labels ?? {};
    return {
      name: r.name ?? labels.name ?? secret.metadata.name,
      namespace: r.namespace ?? secret.metadata.namespace ?? '',
      revision: r.version ?? Number(labels.version ?? 0),
      status: r.info?.status ?? labels.status ?? 'unknown',
      chart: r.chart?.metadata?.name ?? '?',
      chartVersion: r.chart?.metadata?.version ?? '?',
      appVersion: r.chart?.metadata?.appVersion,
      updated: r.info?.last_deployed,
      description: r.info?.description,
    };
  } catch {
    return undefined;
  }
}

/** The latest revision of each release, sorted by name (older revisions are history). */
export function latestReleases(secrets: readonly KubeObject[]): HelmRelease[] {
  const latest = new Map<string, HelmRelease>();
  for (const s of secrets) {
    if (s.type !== HELM_RELEASE_SECRET_TYPE) continue;
    const r = decodeHelmRelease(s);
    if (!r) continue;
    const prev = latest.get(r.name);
    if (!prev || r.revision > prev.revision) latest.set(r.name, r);
  }
  return [...latest.values()].sort((a, b) => a.name.localeCompare(b.name));
}
