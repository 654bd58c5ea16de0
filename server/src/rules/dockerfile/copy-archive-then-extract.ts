import { defineRule } from '../../engine/rule';
import type { Finding, Range } from '../../engine/types';
import { copyArguments, jsonStrings, type RunInfo, type Section } from '../../dockerfile/model';
import { findingsBySection, modelOf } from '../../dockerfile/util';

const ARCHIVE = /\.(tar|tar\.(gz|bz2|xz|zst|lz|lzma)|tgz|tbz2?|txz|tzst)$/i;

/** The last path segment of a path. */
function base(p: string): string {
  return p.replace(/\/+$/, '').split('/').pop() ?? p;
}

/** Whether tar's arguments ask it to extract. */
function extracts(values: readonly string[]): boolean {
  return values.some(
    (v, i) =>
      v === '--extract' ||
      v === '--get' ||
      (/^-[A-Za-z]+$/.test(v) && v.includes('x')) ||
      // Old-style bundled options as the first argument: `tar xzf a.tgz`.
      (i === 0 && /^[A-Za-z]+$/.test(v) && v.includes('x')),
  );
}

/** A local archive copied only to be unpacked by `tar` leaves the archive in a layer too. */
export const rule = defineRule({
  id: 'dockerfile/copy-archive-then-extract',
  title: 'COPY of a local archive that RUN then extracts',
  severity: 'info',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3010'],
  docs: `\`COPY app.tar.gz /tmp/\` followed by \`RUN tar -xzf /tmp/app.tar.gz\` stores the compressed archive in one
layer and its contents in the next, so the image carries both. \`ADD\` unpacks a local tar archive (plain,
gzip, bzip2 or xz) directly into the destination in a single layer. Flagged when a later \`RUN\` in the
same stage extracts a file with the copied archive's name. \`COPY --from\` another stage is not flagged.

There is no quick fix: the two forms are rarely exactly equivalent. \`tar\` runs as the stage's user (which
the base image may set) while \`ADD\` always unpacks as root; options such as \`--strip-components\` or
member lists have no \`ADD\` equivalent; without \`-C\` the target is the working directory, which the base
image may choose; \`ADD\` decides by content whether to unpack and does not handle every compression \`tar\`
does; and later steps may still use the copied archive.`,
  remediation: 'Use `ADD app.tar.gz /dest/` to unpack the archive in one step, and drop the `tar` command.',
  check(ctx) {
    const m = modelOf(ctx);
    // A finding pairs a COPY with a RUN of the same section: each section's are kept with it.
    return findingsBySection(ctx, 'dockerfile/copy-archive-then-extract', (st) =>
      inSection(
        st,
        m.runs.filter((r) => r.di.stage === st.index),
      ),
    );
  },
});

/** The findings of one section, whose `RUN`s are `runs`. */
function inSection(st: Section, runs: readonly RunInfo[]): Finding[] {
  const out: Finding[] = [];
  const copied: { line: number; name: string; range: Range }[] = [];
  for (const di of st.instructions) {
    if (di.keyword !== 'COPY' || di.onbuild || jsonStrings(di.ins)) continue;
    const flags = (di.ins as unknown as { getFlags(): { getName(): string }[] }).getFlags();
    if (flags.some((f) => f.getName() === 'from')) continue;
    for (const a of copyArguments(di.ins).slice(0, -1)) {
      const v = a.getValue();
      if (ARCHIVE.test(v) && !v.includes('$') && !/[*?[]/.test(v))
        copied.push({ line: di.range.end.line, name: base(v), range: a.getRange() });
    }
  }
  if (!copied.length) return out;
  const flagged = new Set<(typeof copied)[number]>();
  for (const r of runs) {
    for (const c of r.commands) {
      if (c.name !== 'tar' || r.di.onbuild) continue;
      const values = c.args.map((w) => w.value ?? '');
      if (!extracts(values)) continue;
      const names = new Set(values.filter((v) => ARCHIVE.test(v)).map(base));
      for (const cp of copied) if (cp.line < r.di.range.start.line && names.has(cp.name)) flagged.add(cp);
    }
  }
  for (const cp of copied) {
    if (flagged.has(cp)) out.push({ message: `"${cp.name}" is copied and then extracted; ADD unpacks it in one layer.`, range: cp.range });
  }
  return out;
}
