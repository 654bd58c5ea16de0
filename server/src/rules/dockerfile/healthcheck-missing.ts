import { defineRule, type RuleContext } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { modelOf } from '../../dockerfile/util';

/** The final stage of a service image (one that EXPOSEs a port) without a HEALTHCHECK. */
function target(ctx: RuleContext<'dockerfile'>) {
  const m = modelOf(ctx);
  const st = m.stages[m.stages.length - 1];
  if (!st || st.image?.isScratch) return undefined;
  const own = st.instructions.filter((i) => !i.onbuild);
  if (own.some((i) => i.keyword === 'HEALTHCHECK')) return undefined;
  const expose = own.find((i) => i.keyword === 'EXPOSE');
  if (!expose) return undefined;
  // A stage FROM another stage inherits its HEALTHCHECK.
  const chain = st.image?.isStage ? m.stages.find((s) => s.name?.toLowerCase() === st.image?.text.toLowerCase()) : undefined;
  if (chain?.instructions.some((i) => i.keyword === 'HEALTHCHECK')) return undefined;
  return { st, expose, own };
}

/** Without a HEALTHCHECK, Docker cannot tell a hung service from a healthy one. */
export const rule = defineRule({
  id: 'dockerfile/healthcheck-missing',
  title: 'Service image without HEALTHCHECK',
  severity: 'hint',
  fixApplicability: 'unsafe',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3057'],
  docs: `A final stage that \`EXPOSE\`s a port is a service. Without \`HEALTHCHECK\`, \`docker ps\`, Compose and Swarm
only know whether the process is alive, not whether it answers. (Kubernetes ignores \`HEALTHCHECK\` and uses
probes, so this is a hint.) The quick fix inserts a skeleton before \`CMD\`/\`ENTRYPOINT\` to adapt: it assumes
\`curl\` and an HTTP endpoint on the exposed port.`,
  remediation: 'Add `HEALTHCHECK CMD curl -fsS http://localhost:<port>/health || exit 1` (or an equivalent without curl).',
  check(ctx) {
    const t = target(ctx);
    const out: Finding[] = [];
    if (t) out.push({ message: 'This service image has no HEALTHCHECK.', range: t.st.from.getInstructionRange() });
    return out;
  },
  fix(ctx) {
    const t = target(ctx);
    if (!t) return undefined;
    const port = /^\d+/.exec(t.expose.ins.getArguments()[0]?.getValue() ?? '')?.[0] ?? '8080';
    const anchor = t.own.find((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
    const line = `HEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD curl -fsS http://localhost:${port}/ || exit 1`;
    if (anchor) {
      const at = anchor.range.start;
      return { title: 'Insert a HEALTHCHECK skeleton', edits: [{ range: { start: at, end: at }, newText: `${line}\n` }] };
    }
    const lines = ctx.doc.lines;
    const last = t.own[t.own.length - 1]!;
    const end = lines.positionAt(lines.lineEnd(last.range.end.line));
    return { title: 'Insert a HEALTHCHECK skeleton', edits: [{ range: { start: end, end }, newText: `\n${line}` }] };
  },
});
