import { defineRule } from '../../engine/rule';
import type { RuleContext } from '../../engine/rule';
import type { Finding, Range } from '../../engine/types';
import { findingsByInstruction, modelOf } from '../../dockerfile/util';
import type { DfInstruction } from '../../dockerfile/model';

/** Each `EXPOSE` protocol written with capitals: its range and lower-case form. */
function protocols(ctx: RuleContext<'dockerfile'>): { range: Range; proto: string }[] {
  const out: { range: Range; proto: string }[] = [];
  for (const di of modelOf(ctx).instructions) protocolsOf(di, out);
  return out;
}

/** {@link protocols} of one instruction, added to `out`. */
function protocolsOf(di: DfInstruction, out: { range: Range; proto: string }[]): void {
  if (di.keyword === 'EXPOSE') {
    for (const a of di.ins.getArguments()) {
      const v = a.getValue();
      const slash = v.lastIndexOf('/');
      const proto = slash < 0 ? '' : v.slice(slash + 1);
      const r = a.getRange();
      // Only plain arguments on one line map character for character onto the document.
      if (
        !proto ||
        proto === proto.toLowerCase() ||
        proto.includes('$') ||
        r.start.line !== r.end.line ||
        r.end.character - r.start.character !== v.length
      )
        continue;
      out.push({ range: { start: { line: r.start.line, character: r.start.character + slash + 1 }, end: r.end }, proto });
    }
  }
}

/** `EXPOSE 80/TCP`: protocols are written in lower case. */
export const rule = defineRule({
  id: 'dockerfile/expose-proto-casing',
  title: 'EXPOSE protocol is not lower case',
  severity: 'info',
  appliesTo: ['dockerfile'],
  aliases: ['docker:ExposeProtoCasing'],
  docs: `\`EXPOSE\` takes \`tcp\`, \`udp\` or \`sctp\` after the port. The builder accepts \`80/TCP\`, but the protocol is
stored as written and other tools compare it in lower case. The quick fix lower-cases it.`,
  remediation: 'Write the protocol in lower case: `EXPOSE 80/tcp`.',
  check(ctx) {
    return findingsByInstruction(ctx, 'dockerfile/expose-proto-casing', (di, out) => {
      const found: { range: Range; proto: string }[] = [];
      protocolsOf(di, found);
      for (const { range, proto } of found) out.push({ message: `Write the protocol "${proto}" in lower case.`, range } satisfies Finding);
    });
  },
  fixApplicability: 'safe',
  fix(ctx, finding) {
    const p = protocols(ctx).find(
      (x) => x.range.start.line === finding.range.start.line && x.range.start.character === finding.range.start.character,
    );
    return p && { title: `Write ${p.proto.toLowerCase()}`, edits: [{ range: p.range, newText: p.proto.toLowerCase() }] };
  },
});
