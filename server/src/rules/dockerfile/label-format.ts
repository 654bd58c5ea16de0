import { defineRule } from '../../engine/rule';
import type { Label } from 'dockerfile-ast';
import { findingsByInstruction } from '../../dockerfile/util';
import { spdxProblem } from '../../dockerfile/spdx';

/** The formats a label value can be declared to have. */
export const LABEL_TYPES = ['url', 'rfc3339', 'spdx', 'hash', 'semver', 'email', 'text'] as const;
export type LabelType = (typeof LABEL_TYPES)[number];

/** Labels whose format a specification fixes; a `labelTypes` setting replaces this list. */
export const DEFAULT_LABEL_TYPES: readonly string[] = [
  'org.opencontainers.image.created=rfc3339',
  'org.opencontainers.image.documentation=url',
  'org.opencontainers.image.licenses=spdx',
  'org.opencontainers.image.source=url',
  'org.opencontainers.image.url=url',
  'org.label-schema.build-date=rfc3339',
  'org.label-schema.url=url',
  'org.label-schema.vcs-url=url',
];

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** RFC 3339 `date-time`: `2024-05-01T12:30:00Z`, fractions and numeric offsets allowed. */
function isRfc3339(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/.exec(v);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = mo === 2 && !leap ? 28 : (DAYS[mo - 1] ?? 0);
  const offsetOk = m[9] === undefined || (Number(m[9]) < 24 && Number(m[10]) < 60);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= days && h < 24 && mi < 60 && s <= 60 && offsetOk;
}

/** An absolute URI with a scheme; hierarchical web and VCS schemes also need a host. */
function isUrl(v: string): boolean {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):(\S+)$/.exec(v);
  if (!m) return false;
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    return false;
  }
  const needsHost = /^(https?|ftps?|git|ssh|git\+ssh|git\+https?|svn(\+ssh)?|hg)$/i.test(m[1]!);
  return !needsHost || (m[2]!.startsWith('//') && u.hostname !== '');
}

/** A git commit id: abbreviated (7+ hex digits) or full SHA-1 / SHA-256. */
function isGitHash(v: string): boolean {
  return /^[0-9a-f]{7,40}$/i.test(v) || /^[0-9a-f]{64}$/i.test(v);
}

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const ADDR_SPEC = new RegExp(`^(?:${ATOM}(?:\\.${ATOM})*|"(?:[^"\\\\\\r\\n]|\\\\.)*")@(?:${ATOM}(?:\\.${ATOM})*|\\[[^\\][\\\\\\s]*\\])$`);

/** An RFC 5322 mailbox list: `a@b.org`, `Jane Doe <jane@b.org>`, comma-separated. */
function isEmail(v: string): boolean {
  // Split at commas outside quoted strings and angle brackets.
  const parts: string[] = [];
  let start = 0;
  let quoted = false;
  let angle = false;
  for (let i = 0; i < v.length; i++) {
    const ch = v[i];
    if (ch === '\\' && quoted) i++;
    else if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '<' || ch === '>')) angle = ch === '<';
    else if (ch === ',' && !quoted && !angle) {
      parts.push(v.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(v.slice(start));
  return parts.every((p) => {
    const s = p.trim();
    const named = /^(?:[^<>@]*|"[^"]*")\s*<([^<>]+)>$/.exec(s);
    return ADDR_SPEC.test(named ? named[1]! : s);
  });
}

/** Why a value does not have the declared type, or undefined when it does. */
function problem(type: LabelType, v: string): string | undefined {
  switch (type) {
    case 'url':
      return isUrl(v) ? undefined : 'is not a valid absolute URL';
    case 'rfc3339':
      return isRfc3339(v) ? undefined : 'is not an RFC 3339 date-time such as 2024-05-01T12:30:00Z';
    case 'spdx': {
      const p = spdxProblem(v);
      return p && `is not a valid SPDX licence expression: ${p}`;
    }
    case 'hash':
      return isGitHash(v) ? undefined : 'is not a git commit hash';
    case 'semver':
      return SEMVER.test(v) ? undefined : 'is not a semantic version such as 1.4.2';
    case 'email':
      return isEmail(v) ? undefined : 'is not a valid RFC 5322 email address';
    case 'text':
      return undefined;
  }
}

/** The `key=type` entries as a map; malformed entries and unknown types are ignored. */
function typesOf(entries: readonly string[]): Map<string, LabelType> {
  const out = new Map<string, LabelType>();
  for (const e of entries) {
    const at = e.lastIndexOf('=');
    const type = e.slice(at + 1).trim() as LabelType;
    if (at > 0 && LABEL_TYPES.includes(type)) out.set(e.slice(0, at).trim(), type);
  }
  return out;
}

const optionTypes = new WeakMap<readonly string[], { types: Map<string, LabelType>; key: string }>();

/**
 * The label types of a `labelTypes` value (made once per value), and the key that what was found
 * with them is kept under: what was found with other label types is not kept for these.
 */
function typesFor(option: readonly string[]): { types: Map<string, LabelType>; key: string } {
  let t = optionTypes.get(option);
  if (!t) optionTypes.set(option, (t = { types: typesOf(option), key: `dockerfile/label-format ${JSON.stringify(option)}` }));
  return t;
}

/** Unquotes a label value the way the builder reads it. */
function unquote(raw: string): string {
  if (/^".*"$/s.test(raw)) return raw.slice(1, -1).replace(/\\(.)/g, '$1');
  if (/^'.*'$/s.test(raw)) return raw.slice(1, -1);
  return raw.replace(/\\(.)/g, '$1');
}

/** Label values must have the format their key declares: URLs, dates, licences, hashes, versions, emails. */
export const rule = defineRule({
  id: 'dockerfile/label-format',
  title: 'Label value does not have its declared format',
  severity: 'warning',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3052', 'hadolint:DL3053', 'hadolint:DL3054', 'hadolint:DL3055', 'hadolint:DL3056', 'hadolint:DL3058'],
  options: {
    labelTypes: {
      type: 'string[]',
      default: DEFAULT_LABEL_TYPES,
      description:
        'Label formats as `key=type` entries, type one of `url`, `rfc3339`, `spdx`, `hash`, `semver`, `email`, `text` (not checked). Replaces the default list, so repeat the defaults you want to keep.',
    },
  },
  docs: `Tools read some labels by format: a registry links \`org.opencontainers.image.source\` to the source
repository, a scanner reads \`org.opencontainers.image.licenses\` as an SPDX expression, and build-date
labels are compared as timestamps. A value in the wrong format is silently ignored or misread. This rule
checks each label listed in \`labelTypes\` against its declared format:

- \`url\`: an absolute URL with a scheme (\`https://github.com/org/repo\`; web and VCS schemes need a host).
- \`rfc3339\`: an RFC 3339 date-time (\`2024-05-01T12:30:00Z\`, \`2024-05-01T14:30:00.5+02:00\`).
- \`spdx\`: an SPDX licence expression (\`Apache-2.0\`, \`MIT OR GPL-2.0-or-later\`, \`GPL-2.0-only WITH
  Classpath-exception-2.0\`, \`LicenseRef-Proprietary\`), with identifiers from the SPDX License List.
- \`hash\`: a git commit id, abbreviated (7 or more hex digits) or full.
- \`semver\`: a semantic version (\`1.4.2\`, \`2.0.0-rc.1+build.5\`; no \`v\` prefix).
- \`email\`: RFC 5322 addresses (\`dev@example.com\`, \`Jane Doe <jane@example.com>\`, comma-separated).
- \`text\`: anything (use it to exempt a label from the defaults).

By default the labels whose format the OCI image specification and the label-schema convention fix are
checked: \`org.opencontainers.image.created\` (rfc3339), \`.source\`, \`.url\` and \`.documentation\` (url),
\`.licenses\` (spdx), and \`org.label-schema.build-date\` (rfc3339), \`.url\` and \`.vcs-url\` (url).
\`org.opencontainers.image.revision\` and \`.version\` are free-form in the specification (a revision need not
be a git hash, a version need not be semver), so they are checked only when configured, e.g.
\`labelTypes: [org.opencontainers.image.revision=hash, org.opencontainers.image.version=semver, …]\`. Values
built from variables (\`$VERSION\`) are not checked: their value is only known at build time.`,
  remediation: 'Write the value in the declared format (for example an `https://` URL, `2024-05-01T12:30:00Z`, or `Apache-2.0`).',
  check(ctx) {
    const option = ctx.settings.option<string[]>('labelTypes') ?? DEFAULT_LABEL_TYPES;
    const { types, key } = typesFor(option);
    if (!types.size) return [];
    return findingsByInstruction(ctx, key, (di, out) => {
      if (di.keyword !== 'LABEL') return;
      for (const p of (di.ins as Label).getProperties()) {
        const key = p.getName().replace(/^(["'])(.*)\1$/, '$2');
        const type = types.get(key);
        const raw = p.getValue();
        const range = p.getValueRange();
        if (!type || raw === null || !range || raw.includes('$')) continue;
        const value = unquote(raw).trim();
        // An empty value is dockerfile/label-schema's finding.
        if (value === '') continue;
        const why = problem(type, value);
        if (why) out.push({ message: `Label "${key}": "${value}" ${why}.`, range });
      }
    });
  },
});
