/**
 * SemVer versions and the version-constraint syntax Helm uses (Masterminds semver): what
 * `Chart.yaml` `version`, `kubeVersion` and `dependencies[].version` must look like.
 */

/** Strict SemVer 2.0.0 (no `v` prefix, no leading zeros, all three numbers). */
const STRICT =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
/** What Helm itself accepts (a `v` prefix, missing minor or patch). */
const LOOSE = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

/** Whether `v` is a strict SemVer 2 version. */
export function isStrictSemver(v: string): boolean {
  return STRICT.test(v);
}

/** Whether Helm can read `v` as a version at all. */
export function isLooseSemver(v: string): boolean {
  return LOOSE.test(v);
}

const OP = '(?:!=|>=|=>|<=|=<|~>|=|>|<|~|\\^)';
const PART = '(?:\\*|[xX]|\\d+)';
const VERSION = `v?${PART}(?:\\.${PART}){0,2}(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?`;
const ONE = new RegExp(`^${OP}?\\s*${VERSION}$`);
const HYPHEN = new RegExp(`^(${VERSION})\\s+-\\s+(${VERSION})$`);
const TOKEN = new RegExp(`\\s*(${OP}?\\s*${VERSION}(?:\\s+-\\s+${VERSION})?)\\s*(,|(?=\\s)|$)`, 'y');

/**
 * Checks a constraint such as `>=1.25.0-0 <1.34.0`, `~1.2`, `^2 || 3.x`, `1.2 - 1.4`.
 * Returns undefined when valid, else the first part that is not.
 */
export function constraintProblem(c: string): string | undefined {
  if (!c.trim()) return 'the constraint is empty';
  for (const group of c.split('||')) {
    const g = group.trim();
    if (!g) return 'an empty alternative around "||"';
    let i = 0;
    while (i < g.length) {
      TOKEN.lastIndex = i;
      const m = TOKEN.exec(g);
      if (!m || m[0].length === 0) return `"${g.slice(i).trim()}" is not a version constraint`;
      const part = m[1]!;
      if (!ONE.test(part) && !HYPHEN.test(part)) return `"${part}" is not a version constraint`;
      i += m[0].length;
      while (g[i] === ' ' || g[i] === '\t') i++;
    }
  }
  return undefined;
}
