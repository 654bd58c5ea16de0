import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { envOf, UNKNOWN } from '../../dockerfile/env';
import { allCommands, modelOf, wordRange } from '../../dockerfile/util';
import { pipInstall } from './pip-no-cache-dir';

const WITH_VALUE = [
  '-r',
  '--requirement',
  '-c',
  '--constraint',
  '-e',
  '--editable',
  '-t',
  '--target',
  '-i',
  '--index-url',
  '--extra-index-url',
  '--prefix',
  '--root',
  '-f',
  '--find-links',
  '--trusted-host',
  '--platform',
  '--python-version',
  '--implementation',
  '--abi',
  '--progress-bar',
  '--src',
  '--upgrade-strategy',
];

/** Unpinned pip packages make builds depend on the day of the build. */
export const rule = defineRule({
  id: 'dockerfile/pip-pin-versions',
  title: 'pip install without pinned versions',
  severity: 'info',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3013'],
  docs: `\`pip install flask\` installs the newest release at build time. Pin (\`flask==3.1.0\`), constrain
(\`-c constraints.txt\`, or the \`PIP_CONSTRAINT\` environment variable from \`ENV\`, an \`ARG\`, \`export\` or an
assignment before the command, as pip reads it; an empty value is ignored) or install from a requirements file. Local paths, archives, VCS URLs and
\`--upgrade pip\`-style self-updates of the packaging tools are not flagged.`,
  remediation: 'Pin each package (`flask==3.1.0`) or use a requirements or constraints file.',
  check(ctx) {
    const out: Finding[] = [];
    for (const c of allCommands(ctx)) {
      const i = pipInstall(c);
      if (i === undefined) continue;
      const values = c.args.map((a) => a.value ?? '');
      if (values.some((v) => v === '-c' || v === '--constraint' || v.startsWith('--constraint='))) continue;
      // pip reads PIP_CONSTRAINT as --constraint (space-separated files); an empty value is ignored.
      const constraint = envOf(modelOf(ctx), c, 'PIP_CONSTRAINT');
      if (constraint === UNKNOWN || (constraint !== undefined && constraint.trim() !== '')) continue;
      for (let k = i + 1; k < c.args.length; k++) {
        const w = c.args[k]!;
        const v = w.value;
        if (v === undefined) continue;
        if (v.startsWith('-')) {
          if (WITH_VALUE.includes(v)) k++;
          continue;
        }
        if (/[=<>~!@]/.test(v) || /[/\\]|\.(whl|tar\.gz|zip)$|^\./.test(v) || v.includes('://')) continue;
        if (['pip', 'setuptools', 'wheel'].includes(v.toLowerCase())) continue;
        out.push({ message: `Pin the version of "${v}" (${v}==<version>).`, range: wordRange(c, w) });
      }
    }
    return out;
  },
});
