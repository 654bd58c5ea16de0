/** Heuristics for secret-looking names and values, shared by the plaintext-secret rules. */

const SECRET_WORDS = new Set(['PASSWORD', 'PASSWD', 'PASS', 'PWD', 'SECRET', 'TOKEN', 'APIKEY', 'PRIVATEKEY', 'CREDENTIAL', 'CREDENTIALS']);
const SECRET_PAIRS = new Set([
  'API_KEY',
  'ACCESS_KEY',
  'PRIVATE_KEY',
  'SECRET_KEY',
  'CLIENT_SECRET',
  'AUTH_KEY',
  'ENCRYPTION_KEY',
  'SIGNING_KEY',
]);
/** A last word that makes the variable about a secret rather than the secret itself. */
const NOT_THE_SECRET = new Set([
  'FILE',
  'PATH',
  'NAME',
  'ENABLED',
  'URL',
  'URI',
  'ENDPOINT',
  'TYPE',
  'TTL',
  'EXPIRY',
  'EXPIRATION',
  'LENGTH',
  'HEADER',
  'DIR',
  'REF',
  'KEY_ID',
  'ID',
  'POLICY',
  'MODE',
  'SECONDS',
  'TIMEOUT',
  'AUDIENCE',
  'ISSUER',
  'FIELD',
  'PARAM',
  'PREFIX',
  'SECRETNAME',
  'REQUIRED',
  'COUNT',
  'MIN',
  'MAX',
  'ROTATION',
  'LOCATION',
  'PROVIDER',
  'STORE',
  'USER',
  'USERNAME',
]);

/** Whether a variable or key name says it holds a credential (`DB_PASSWORD`, `apiKey`, `client-secret`). */
export function secretName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean);
  if (!words.length) return false;
  const last = words[words.length - 1]!;
  if (NOT_THE_SECRET.has(last)) return false;
  if (words.some((w) => SECRET_WORDS.has(w))) return true;
  for (let i = 0; i + 1 < words.length; i++) if (SECRET_PAIRS.has(`${words[i]}_${words[i + 1]}`)) return true;
  return false;
}

/** Whether a literal value is a real-looking secret (not empty, a reference, a template or a flag). */
export function literalSecret(value: string): boolean {
  const v = value.trim();
  if (v.length < 3) return false;
  if (/^(?:true|false|yes|no|on|off|null|none|changeme-in-secret)$/i.test(v)) return false;
  if (/^\$\(|\{\{|\$\{/.test(v)) return false;
  if (/^\/[\w./-]+$/.test(v)) return false;
  return true;
}

/** Whether a value embeds a password: `password=…` in a connection string or `user:pass@` in a URL. */
export function embeddedPassword(value: string): boolean {
  if (/\b(?:password|pwd)\s*=\s*(?!\$|\{\{|;|&|\s|$)[^;&\s]+/i.test(value)) return true;
  return /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:(?!\$|\{\{)[^@\s/]+@/i.test(value.trim());
}
