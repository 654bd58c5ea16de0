import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { modelOf, SHELLS } from '../../dockerfile/util';

const INTERPRETERS = new Set([...SHELLS, 'python', 'python3', 'perl', 'ruby', 'node']);

/** Piping a download straight into a shell runs unreviewed code with no integrity check. */
export const rule = defineRule({
  id: 'dockerfile/curl-pipe-shell',
  title: 'Download piped into a shell',
  severity: 'warning',
  appliesTo: ['dockerfile'],
  aliases: [],
  docs: `\`curl https://… | sh\` executes whatever the server returns at build time: a compromised or changed script,
a truncated download, or a man-in-the-middle all become code in your image. Download to a file, verify its
checksum or signature, then run it.`,
  remediation: 'Download the script to a file, verify its checksum (`sha256sum -c`), then run it.',
  check(ctx) {
    const out: Finding[] = [];
    for (const r of modelOf(ctx).runs) {
      for (const seg of r.segments) {
        for (const p of seg.script.pipelines) {
          const stageOf = (pos: number) => p.stages.findIndex((s) => pos >= s.start && pos < s.end);
          const cmds = seg.script.commands.filter((c) => stageOf(c.start) >= 0 && !c.inSubstitution);
          const dl = cmds.find((c) => ['curl', 'wget'].includes((c.name.value ?? '').replace(/^.*\//, '')));
          if (!dl) continue;
          const sh = cmds.find((c) => stageOf(c.start) > stageOf(dl.start) && INTERPRETERS.has((c.name.value ?? '').replace(/^.*\//, '')));
          if (!sh) continue;
          out.push({
            message: `A download is piped into ${sh.name.value}; verify it before running it.`,
            range: seg.range(dl.start, sh.end),
          });
        }
      }
    }
    return out;
  },
});
