/** Value-level heuristics for the chart security rules (images, resources, credentials). */
import * as path from 'node:path';
import { isRecord, loadChart, readCached, yamlData } from './chart';

const SECRET_WORDS = /^(?:password|passwd|pwd|secret|token|apikey|privatekey|credentials?|clientsecret|secretkey|accesskey|authkey)$/i;
const SECRET_TAIL = /(?:password|passwd|secret|token|apikey|api_key|privatekey|secretkey|accesskey)$/i;
/** Names that are about a secret rather than the secret (`existingSecret`, `passwordKey`, `tokenFile`). */
const NOT_SECRET =
  /(?:existing|name|ref|key(?:s|name)?|file|path|enabled|create|secretkeyref|annotations|labels|length|policy|mount|type)$/i;

/**
 * `<credential>Secret`: the name of the Secret object that holds the credential (`privateKeySecret`,
 * `passwordSecret`, `tlsSecret`), not the credential itself as `clientSecret` or `jwtSecret` are.
 */
const NAMES_SECRET_OBJECT =
  /(?:key|password|passwd|pwd|token|cert|certificate|certs|tls|ssl|credentials?|keystore|truststore|ca|env|config|auth|basicauth)secrets?$/i;

/** Whether a values key names a credential (`password`, `adminPassword`, `apiKey`, `auth.token`). */
export function secretKey(key: string): boolean {
  if (NAMES_SECRET_OBJECT.test(key)) return false;
  if (/^existing/i.test(key) || NOT_SECRET.test(key)) return SECRET_WORDS.test(key);
  return SECRET_WORDS.test(key) || SECRET_TAIL.test(key);
}

/** Text that stands in for a value to fill in: `xxxx`, `****`, `...`, `REPLACE_ME`, `<password>`. */
const PLACEHOLDER = /^(?:true|false|yes|no|null|none|changeme|change[-_ ]me|replace[-_ ]?me|todo|tbd|placeholder|x+|\*+|\.+|<.*>)$/i;

/** A file name or path (`thanos.yaml`, `/run/secrets/db`): where a credential is, not the credential. */
const FILE_NAME =
  /^(?:\.{0,2}\/[^\s]*|[\w.-]+\.(?:ya?ml|json|toml|ini|conf|cfg|properties|env|txt|pem|crt|cert|key|pub|p12|pfx|jks|keystore|der|asc|gpg))$/i;

/** A DNS-1123 name that says it names a Secret object (`my-secret`, `app-secrets`). */
const SECRET_OBJECT_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** The material between the armour lines of a PEM block; undefined when the value is not PEM. */
function pemBody(s: string): string | undefined {
  if (!s.includes('-----BEGIN ')) return undefined;
  return s
    .split(/\r?\n/)
    .filter((l) => !/^\s*-----(?:BEGIN|END) [^-]*-----\s*$/.test(l) && !/^\s*[\w-]+:\s/.test(l))
    .join('')
    .replace(/\s+/g, '');
}

/**
 * Whether a literal value looks like a real credential: not empty, a template, a placeholder, a
 * flag, a file name, or a PEM block with no key material between its armour lines. `key` is the
 * values key: for a key ending in `secret`, a Secret object's name (`my-secret`) names one.
 */
export function literalSecretValue(v: string, key = ''): boolean {
  const s = v.trim();
  if (s.length < 3) return false;
  if (/\{\{|\$\{|^\$\(/.test(s)) return false;
  if (PLACEHOLDER.test(s) || FILE_NAME.test(s)) return false;
  const pem = pemBody(s);
  if (pem !== undefined) return pem.length > 0 && !PLACEHOLDER.test(pem);
  if (/secrets?$/i.test(key) && SECRET_OBJECT_NAME.test(s) && /secret/i.test(s)) return false;
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
