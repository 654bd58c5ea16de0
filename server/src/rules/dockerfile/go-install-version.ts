import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { allCommands, wordRange } from '../../dockerfile/util';

/** `go install pkg` without `@version` is not reproducible (and outside a module it fails). */
export const rule = defineRule({
  id: 'dockerfile/go-install-version',
  title: 'go install without @version',
  severity: 'warning',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3062'],
  docs: `\`go install example.com/tool\` builds whatever the module resolves to today. \`go install
example.com/tool@v1.4.2\` pins it. Local packages (\`.\`, \`./cmd/…\`) are not flagged. \`@latest\` is accepted by
Go but flagged, since it is not a pin.`,
  remediation: 'Add an explicit version: `go install example.com/tool@v1.2.3`.',
  check(ctx) {
    const out: Finding[] = [];
    for (const c of allCommands(ctx)) {
      if (c.name !== 'go' || c.args[0]?.value !== 'install') continue;
      for (const w of c.args.slice(1)) {
        const v = w.value;
        if (v === undefined || v.startsWith('-') || v.startsWith('.') || !v.includes('/')) continue;
        if (v.includes('@') && !v.endsWith('@latest')) continue;
        out.push({ message: `Pin "${v.replace(/@latest$/, '')}" with @<version>.`, range: wordRange(c, w) });
      }
    }
    return out;
  },
});
