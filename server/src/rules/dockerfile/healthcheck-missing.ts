import { defineRule, type RuleContext } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import type { Stage } from '../../dockerfile/model';
import { installsPackage, modelOf, stageChain, unterminatedHeredoc } from '../../dockerfile/util';

/** Ports of services that do not speak HTTP (databases, brokers, mail, directory): an HTTP check there always fails. */
const NOT_HTTP = new Set([
  21, 22, 25, 53, 110, 143, 389, 465, 587, 636, 993, 995, 1433, 1521, 1883, 2181, 3306, 4222, 5432, 5671, 5672, 6379, 6380, 6432, 7687,
  8883, 9042, 9092, 11211, 26257, 27017,
]);

/** The HTTP client the image is known to have, if any: curl or wget installed by the Dockerfile, BusyBox wget on Alpine. */
function httpClient(ctx: RuleContext<'dockerfile'>, st: Stage): 'curl' | 'wget' | undefined {
  const m = modelOf(ctx);
  if (installsPackage(m, st, 'curl')) return 'curl';
  if (installsPackage(m, st, 'wget')) return 'wget';
  const base = stageChain(m, st).at(-1)?.image;
  if (base && !base.isStage && /(^|\/)(alpine|busybox)$/i.test(base.ref.repository)) return 'wget';
  return undefined;
}

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
probes, so this is a hint.) The quick fix inserts a skeleton before \`CMD\`/\`ENTRYPOINT\` to adapt: an HTTP
request to the first exposed TCP port with \`curl\` or \`wget\`. It is offered only where the image is known to
have that program (the Dockerfile installs it, or BusyBox \`wget\` on an Alpine or BusyBox base) and the port is
not one of a database, broker or other service that does not speak HTTP.`,
  remediation: 'Add `HEALTHCHECK CMD curl -fsS http://localhost:<port>/health || exit 1` (or an equivalent without curl).',
  check(ctx) {
    const t = target(ctx);
    const out: Finding[] = [];
    if (t) out.push({ message: 'This service image has no HEALTHCHECK.', range: t.st.from.getInstructionRange() });
    return out;
  },
  fix(ctx) {
    const t = target(ctx);
    if (!t || unterminatedHeredoc(ctx.doc.text)) return undefined;
    const exposed = t.expose.ins.getArguments()[0]?.getValue() ?? '';
    const m = /^(\d+)(?:\/(tcp|udp))?$/i.exec(exposed);
    if (!m || m[2]?.toLowerCase() === 'udp' || NOT_HTTP.has(Number(m[1]))) return undefined;
    const port = m[1]!;
    const client = httpClient(ctx, t.st);
    if (!client) return undefined;
    const probe = client === 'curl' ? `curl -fsS http://localhost:${port}/` : `wget -q --spider http://localhost:${port}/`;
    const line = `HEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD ${probe} || exit 1`;
    const anchor = t.own.find((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
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
