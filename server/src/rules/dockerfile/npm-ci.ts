import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import type { RunCommand } from '../../dockerfile/model';
import { allCommands, fixOf, modelOf, sameRange, stageChain, wordRange } from '../../dockerfile/util';

/** `npm install` with no packages: the word `install` (or `i`), when every other argument is an option. */
function bareInstall(c: RunCommand): number | undefined {
  if (c.name !== 'npm') return undefined;
  const i = c.args.findIndex((a) => !(a.value ?? '-').startsWith('-'));
  if (i < 0 || !['install', 'i'].includes(c.args[i]!.value ?? '')) return undefined;
  const rest = c.args.slice(i + 1);
  if (rest.some((a) => !(a.value ?? '').startsWith('-') || /^(-g|--global)$/.test(a.value ?? ''))) return undefined;
  return i;
}

/**
 * Whether the stage runs a Node.js image older than 8, whose npm (before 5.7) has no `npm ci`.
 * Only the official `node` image's version tags tell; anything else is assumed recent.
 */
function npmLacksCi(c: RunCommand, m: ReturnType<typeof modelOf>): boolean {
  const st = m.stages[c.run.di.stage];
  const image = st && stageChain(m, st).at(-1)?.image;
  if (!image || image.isStage || !/(^|\/)node$/.test(image.ref.repository)) return false;
  const major = /^(\d+)(?:\.(\d+))?/.exec(image.ref.tag ?? '');
  return major !== null && Number(major[1]) < 8;
}

/** `npm ci` installs exactly the lockfile; `npm install` may rewrite it. */
export const rule = defineRule({
  id: 'dockerfile/npm-ci',
  title: 'npm install instead of npm ci',
  severity: 'info',
  fixApplicability: 'unsafe',
  appliesTo: ['dockerfile'],
  aliases: [],
  docs: `\`npm install\` resolves versions again and may update \`package-lock.json\`, so the image can get
dependencies nobody tested. \`npm ci\` installs exactly what the lockfile says, fails when the lockfile
and \`package.json\` disagree, and is faster. Only \`npm install\` without package arguments is flagged. The quick
fix is not offered on \`node\` images older than 8, whose npm (before 5.7) has no \`npm ci\`.`,
  remediation: 'Copy `package-lock.json` into the image and run `npm ci`.',
  check(ctx) {
    const out: Finding[] = [];
    for (const c of allCommands(ctx)) {
      const i = bareInstall(c);
      if (i !== undefined) out.push({ message: 'Use npm ci to install exactly the lockfile.', range: wordRange(c, c.args[i]!) });
    }
    return out;
  },
  fix(ctx, finding) {
    for (const c of allCommands(ctx)) {
      const i = bareInstall(c);
      if (i !== undefined && sameRange(wordRange(c, c.args[i]!), finding.range))
        return npmLacksCi(c, modelOf(ctx)) ? undefined : fixOf('Use npm ci', { range: finding.range, newText: 'ci' });
    }
    return undefined;
  },
});
