import { parseConfigText } from '../../engine/config';
import { defineRule } from '../../engine/rule';
import { catalogue } from '../catalogue';

/** A `.shipshape.yaml` that is malformed or names unknown rules, options or severities. */
export const rule = defineRule({
  id: 'shipshape/config',
  title: 'Invalid Shipshape configuration',
  severity: 'error',
  fixApplicability: 'unsafe',
  appliesTo: ['shipshape-config'],
  aliases: [],
  docs: `\`.shipshape.yaml\` sets rule severities and options for the folder it is in and below. An entry Shipshape
cannot read (an unknown rule id, a severity that does not exist, an option of the wrong type) is ignored, and this
rule says so where it is written, so a typo never silently turns a rule back on.`,
  remediation: 'Correct the entry as the message says (the closest known name is suggested).',
  check(ctx) {
    return parseConfigText(ctx.doc.text, catalogue()).problems.map((p) => ({
      message: p.message,
      range: p.range,
      ...(p.suggestion ? { data: { suggestion: p.suggestion } } : {}),
    }));
  },
  fix(_ctx, finding) {
    const suggestion = (finding.data as { suggestion?: unknown } | undefined)?.suggestion;
    if (typeof suggestion !== 'string') return undefined;
    return { title: `Change to "${suggestion}"`, edits: [{ range: finding.range, newText: suggestion }] };
  },
});
