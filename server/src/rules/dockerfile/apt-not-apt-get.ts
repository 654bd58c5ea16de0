import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { allCommands, commandAt, fixOf, onName } from '../../dockerfile/util';

/** `apt` is the interactive front end; its CLI is not stable for scripts. */
export const rule = defineRule({
  id: 'dockerfile/apt-not-apt-get',
  title: 'apt used instead of apt-get',
  severity: 'warning',
  fixApplicability: 'unsafe',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3027'],
  docs: `\`apt\` is meant for people at a terminal: its output and behaviour may change between releases and it
warns "apt does not have a stable CLI interface". Scripts and Dockerfiles should use \`apt-get\` and
\`apt-cache\`.`,
  remediation: 'Use `apt-get` (or `apt-cache` for `search`/`show`).',
  check(ctx) {
    const out: Finding[] = [];
    for (const c of allCommands(ctx))
      if (c.name === 'apt' && c.nameWord.value === 'apt') out.push(onName(c, 'Use apt-get instead of apt in scripts.'));
    return out;
  },
  fix(ctx, finding) {
    const c = commandAt(ctx, finding.range);
    if (!c || c.nameWord.value !== 'apt') return undefined;
    const sub = c.args.find((a) => !(a.value ?? '').startsWith('-'))?.value ?? '';
    // apt-get and apt-cache have no `list` or `edit-sources`: replacing the name would give a command that fails.
    if (['list', 'edit-sources', ''].includes(sub)) return undefined;
    const tool = ['search', 'show', 'policy', 'depends', 'rdepends', 'showpkg'].includes(sub) ? 'apt-cache' : 'apt-get';
    return fixOf(`Replace apt with ${tool}`, { range: finding.range, newText: tool });
  },
});
