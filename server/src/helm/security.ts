/** Value-level heuristics for the chart security rules (images, resources, credentials). */
import * as path from 'node:path';
import { isRecord, loadChart, readCached, yamlData } from './chart';

const SECRET_WORDS = /^(?:password|passwd|pwd|secret|token|apikey|privatekey|credentials?|clientsecret|secretkey|accesskey|authkey)$/i;
const SECRET_TAIL = /(?:password|passwd|secret|token|apikey|api_key|privatekey|secretkey|accesskey)$/i;
/** Names that are about a secret rather than the secret (`existingSecret`, `passwordKey`, `tokenFile`). */
const NOT_SECRET =
  /(?:existing|name|ref|key(?:s|name)?|file|path|enabled|create|secretkeyref|annotations|labels|length|policy|mount|type)$/i;

/** Whether a values key names a credential (`password`, `adminPassword`, `apiKey`, `auth.token`). */
export function secretKey(key: string): boolean {
  if (/^existing/i.test(key) || NOT_SECRET.test(key)) return SECRET_WORDS.test(key);
  return SECRET_WORDS.test(key) || SECRET_TAIL.test(key);
}

/** Whether a literal value looks like a real credential (not empty, a template, a placeholder or a flag). */
export function literalSecretValue(v: string): boolean {
  const s = v.trim();
  if (s.length < 3) return false;
  if (/\{\{|\$\{|^\$\(/.test(s)) return false;
  if (/^(?:true|false|yes|no|null|none|changeme|change-me|<.*>)$/i.test(s)) return false;
  return true;
}

/** The chart's `appVersion`, which Helm charts conventionally use when `image.tag` is empty. */
export function appVersion(chartRoot: string): string | undefined {
  const text = readCached(path.join(chartRoot, 'Chart.yaml'));
  const meta = text === undefined ? undefined : yamlData(text);
  const v = isRecord(meta) ? meta.appVersion : undefined;
  return v === undefined || v === null ? undefined : String(v);
}

const WORKLOAD = /^\s*kind:\s*["']?(?:Deployment|StatefulSet|DaemonSet|Job|CronJob|Pod|ReplicaSet)["']?\s*$/m;

/** Whether the chart's templates create pods (so its `resources` values matter). */
export function isWorkloadChart(chartRoot: string): boolean {
  const chart = loadChart(chartRoot);
  return chart.templates.some((t) => WORKLOAD.test(readCached(t) ?? ''));
}
