import { defineRule } from '../../engine/rule';
import { peerToolOf, translatePeerConfig } from '../../engine/peer-config';
import type { Finding } from '../../engine/types';
import { registeredRules } from '../catalogue';

const NAMES = { hadolint: 'hadolint', 'kube-linter': 'kube-linter', polaris: 'Polaris' } as const;

/** Says what Shipshape makes of another linter's configuration file. */
export const rule = defineRule({
  id: 'shipshape/peer-config',
  title: "Another linter's configuration, applied",
  severity: 'info',
  appliesTo: ['peer-config'],
  aliases: [],
  docs: `Shipshape reads the configuration files of the linters it replaces, in each folder, as if they were written
in \`.shipshape.yaml\` there, so moving to Shipshape keeps a team's decisions. Each check id reaches the Shipshape
rules that list it among their aliases:

- \`.hadolint.yaml\` / \`.hadolint.yml\`: \`ignored\` turns rules off; \`override\` sets severities (\`error\`,
  \`warning\`, \`info\`, and \`style\` as \`hint\`); \`trustedRegistries\` becomes the \`trustedRegistries\` option of
  \`dockerfile/untrusted-registry\`; \`label-schema\` becomes \`requiredLabels\` of \`dockerfile/label-schema\` and
  \`labelTypes\` of \`dockerfile/label-format\` (the same type names), and \`strict-labels\` its \`strictLabels\`.
- \`.kube-linter.yaml\` / \`.kube-linter.yml\`: \`checks.exclude\` turns rules off; \`checks.include\` turns opt-in rules
  on; with \`checks.doNotAutoAddDefaults: true\` the rules of kube-linter checks that are not included are turned off;
  \`checks.addAllBuiltIn: true\` turns every rule with a kube-linter alias on. Exclusions win.
- \`.polaris.yaml\`, \`polaris.yaml\` (and \`.yml\`): \`checks: {id: ignore | warning | danger}\` turns rules off or sets
  them to warning or error.

A rule is turned off only when every check of that tool it covers is ignored (\`dockerfile/rpm-install-yes\` covers
DL3030, DL3034 and DL3038). \`.shipshape.yaml\` in the same folder wins over these files, and a deeper folder's
files over an outer folder's. This rule shows an info on the file listing what was applied and what could not be
(ids no rule covers).`,
  remediation: 'Nothing to do; move the settings into `.shipshape.yaml` when the other linter is retired.',
  check(ctx) {
    const tool = peerToolOf(ctx.path ?? '');
    if (!tool) return [];
    const { notes } = translatePeerConfig(tool, ctx.doc.text, registeredRules());
    const out: Finding[] = [];
    out.push({
      message: `Shipshape applies this ${NAMES[tool]} configuration as if it were written in .shipshape.yaml${notes.length ? `: ${notes.join(' ')}` : ' (it changes nothing).'}`,
      range: ctx.doc.lines.lineRange(0),
    });
    return out;
  },
});
