import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { subcommand } from '../../dockerfile/model';
import { modelOf, nameRange } from '../../dockerfile/util';

const TOOLS = new Set(['yum', 'dnf', 'microdnf', 'tdnf', 'zypper']);

/** The rpm package managers keep their metadata cache in the layer unless cleaned in the same RUN. */
export const rule = defineRule({
  id: 'dockerfile/rpm-cache-clean',
  title: 'yum/dnf/zypper cache not cleaned',
  severity: 'info',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3032', 'hadolint:DL3040', 'hadolint:DL3036'],
  docs: `yum and dnf keep repository metadata and downloaded packages under \`/var/cache\`; zypper likewise.
Clean them in the same \`RUN\` (\`yum clean all\`, \`dnf clean all\`, \`zypper clean\`, or \`rm -rf /var/cache/yum\`)
or the layer keeps them forever. Only the final stage is checked.`,
  remediation: 'End the RUN with `&& dnf clean all` (or `yum clean all`, `zypper clean`).',
  check(ctx) {
    const out: Finding[] = [];
    const m = modelOf(ctx);
    for (const r of m.runs) {
      if (r.di.stage !== m.stages.length - 1) continue;
      const inst = r.commands.find(
        (c) =>
          TOOLS.has(c.name) &&
          ['install', 'in', 'groupinstall', 'update', 'upgrade'].includes(
            subcommand(c, ['-c', '--setopt', '--enablerepo', '--disablerepo', '--installroot', '--releasever'])?.sub ?? '',
          ),
      );
      if (!inst) continue;
      const cleaned = r.commands.some(
        (c) =>
          (TOOLS.has(c.name) && ['clean', 'cc'].includes(subcommand(c)?.sub ?? '')) ||
          (c.name === 'rm' && c.args.some((a) => /\/var\/cache\/(yum|dnf|zypp)/.test(a.raw))),
      );
      if (cleaned || /--mount=\S*type=cache/.test(r.flagText)) continue;
      out.push({
        message: `Clean the ${inst.name} cache in this RUN (${inst.name === 'zypper' ? 'zypper clean' : `${inst.name} clean all`}).`,
        range: nameRange(inst),
      });
    }
    return out;
  },
});
