import { defineRule } from '../../engine/rule';
import type { Arg } from 'dockerfile-ast';
import type { Finding } from '../../engine/types';
import { modelOf } from '../../dockerfile/util';

/** A comment right above `FROM … AS name` or `ARG name` describes it, so it starts with the name (opt-in). */
export const rule = defineRule({
  id: 'dockerfile/definition-description',
  title: 'Stage or ARG description does not start with its name',
  severity: 'info',
  appliesTo: ['dockerfile'],
  aliases: ['docker:InvalidDefinitionDescription'],
  defaultEnabled: false,
  docs: `Build tools (\`docker buildx build --call=outline\`, \`--call=targets\`) show the comment directly above a named
stage or an \`ARG\` as its description, when it is written \`# <name> <description>\`. A comment block directly above
(no empty line in between) whose first line does not start with the name is flagged on that line. Like Docker's
experimental build check \`InvalidDefinitionDescription\`, the rule is off until given a severity
(\`dockerfile/definition-description: info\`). A comment that is not meant as a description can be kept apart
by an empty line.`,
  remediation: 'Start the comment with the name (`# build compiles the server`), or put an empty line between it and the instruction.',
  check(ctx) {
    const out: Finding[] = [];
    const m = modelOf(ctx);
    const comments = new Map(ctx.doc.ast.getComments().map((c) => [c.getRange().start.line, c] as const));
    for (const di of m.instructions) {
      if (di.onbuild) continue;
      let name: string | undefined;
      if (di.keyword === 'FROM') name = m.stages.find((s) => s.from === di.ins)?.name;
      else if (di.keyword === 'ARG') name = (di.ins as Arg).getProperty()?.getName();
      if (!name) continue;
      let line = di.range.start.line - 1;
      if (!comments.has(line)) continue;
      while (comments.has(line - 1)) line--;
      const c = comments.get(line)!;
      const text = c.toString().replace(/^\s*#\s?/, '');
      if (!text.startsWith(`${name} `))
        out.push({ message: `A description of "${name}" should start with "${name} ".`, range: c.getRange() });
    }
    return out;
  },
});
