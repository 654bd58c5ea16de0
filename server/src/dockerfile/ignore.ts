/**
 * `.dockerignore` matching as the builder does it: each pattern is a path relative to the context root, with
 * `*` and `?` within one path segment, `[…]` classes, `**` across segments, and `!` to re-include. Matching is
 * done segment by segment with dynamic programming, never with a regular expression built from user text.
 */

/** One segment of a pattern against one segment of a path (`*`, `?`, `[a-z]`, `[^x]`, `\x`). */
function segmentMatches(pat: string, name: string): boolean {
  // reach[j]: the first i characters of the pattern consumed so far can match name[0..j).
  let reach = new Array<boolean>(name.length + 1).fill(false);
  reach[0] = true;
  let i = 0;
  while (i < pat.length) {
    const next = new Array<boolean>(name.length + 1).fill(false);
    const ch = pat[i]!;
    if (ch === '*') {
      let seen = false;
      for (let j = 0; j <= name.length; j++) {
        seen = seen || reach[j]!;
        next[j] = seen;
      }
      i++;
    } else {
      let test: (c: string) => boolean;
      if (ch === '?') {
        test = () => true;
        i++;
      } else if (ch === '[') {
        const close = pat.indexOf(']', i + 2);
        if (close < 0) return false;
        let body = pat.slice(i + 1, close);
        const negate = body.startsWith('^') || body.startsWith('!');
        if (negate) body = body.slice(1);
        const ranges: [string, string][] = [];
        for (let k = 0; k < body.length; k++) {
          const lo = body[k] === '\\' ? body[++k]! : body[k]!;
          if (body[k + 1] === '-' && k + 2 < body.length) {
            const hi = body[k + 2] === '\\' ? body[k + 3]! : body[k + 2]!;
            ranges.push([lo, hi]);
            k += body[k + 2] === '\\' ? 3 : 2;
          } else ranges.push([lo, lo]);
        }
        test = (c) => ranges.some(([lo, hi]) => c >= lo && c <= hi) !== negate;
        i = close + 1;
      } else {
        const lit = ch === '\\' && i + 1 < pat.length ? pat[i + 1]! : ch;
        test = (c) => c === lit;
        i += ch === '\\' ? 2 : 1;
      }
      for (let j = 0; j < name.length; j++) if (reach[j] && test(name[j]!)) next[j + 1] = true;
    }
    reach = next;
  }
  return reach[name.length]!;
}

/** A cleaned, slash-separated path: no leading `/` or `./`, no `.` segments, `..` resolved. */
export function cleanPath(p: string): string {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return out.join('/');
}

/** A whole pattern (segments, `**` matching any number of them) against a whole path. */
function patternMatches(pattern: string, path: string): boolean {
  const ps = pattern.split('/');
  const ns = path.split('/');
  // can[i][j]: ps[0..i) matches ns[0..j).
  let can = new Array<boolean>(ns.length + 1).fill(false);
  can[0] = true;
  for (const p of ps) {
    const next = new Array<boolean>(ns.length + 1).fill(false);
    if (p === '**') {
      let seen = false;
      for (let j = 0; j <= ns.length; j++) {
        seen = seen || can[j]!;
        next[j] = seen;
      }
    } else for (let j = 0; j < ns.length; j++) if (can[j] && segmentMatches(p, ns[j]!)) next[j + 1] = true;
    can = next;
  }
  return can[ns.length]!;
}

/** The patterns of a `.dockerignore`, cleaned; comments and blank lines dropped. */
export function ignorePatterns(lines: readonly string[]): { pattern: string; negated: boolean }[] {
  const out: { pattern: string; negated: boolean }[] = [];
  for (const raw of lines) {
    const l = raw.trim();
    if (!l || l.startsWith('#')) continue;
    const negated = l.startsWith('!');
    const pattern = cleanPath(negated ? l.slice(1).trim() : l);
    if (pattern) out.push({ pattern, negated });
  }
  return out;
}

/**
 * Whether the `.dockerignore` leaves `path` (relative to the context) out of the build context, because a
 * pattern matches it or one of its parent folders; the last matching pattern decides.
 */
export function ignored(patterns: readonly { pattern: string; negated: boolean }[], path: string): boolean {
  const segs = cleanPath(path).split('/');
  let out = false;
  for (const { pattern, negated } of patterns) {
    for (let n = 1; n <= segs.length; n++) {
      if (patternMatches(pattern, segs.slice(0, n).join('/'))) {
        out = !negated;
        break;
      }
    }
  }
  return out;
}
