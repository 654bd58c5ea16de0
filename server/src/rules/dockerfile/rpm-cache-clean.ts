import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { subcommand, type RunCommand } from '../../dockerfile/model';
import { nameRange, uncleanedInstalls } from '../../dockerfile/util';

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
    const installs = (c: RunCommand) =>
      TOOLS.has(c.name) &&
      ['install', 'in', 'groupinstall', 'update', 'upgrade'].includes(
        subcommand(c, ['-c', '--setopt', '--enablerepo', '--disablerepo', '--installroot', '--releasever'])?.sub ?? '',
      );
    const cleans = (c: RunCommand) =>
      (TOOLS.has(c.name) && ['clean', 'cc'].includes(subcommand(c)?.sub ?? '')) ||
      (c.name === 'rm' && c.args.some((a) => /\/var\/cache\/(yum|dnf|libdnf5|zypp)/.test(a.raw)));
    return uncleanedInstalls(ctx, installs, cleans).map((inst): Finding => ({
      message: `Clean the ${inst.name} cache in this RUN (${inst.name === 'zypper' ? 'zypper clean' : `${inst.name} clean all`}).`,
      range: nameRange(inst),
    }));
  },
});
