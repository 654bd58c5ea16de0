import { isMap, isScalar, isSeq } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { constraintProblem } from '../../helm/semver';
import { rootMap, valueOrKeyRange } from '../../helm/yamlnav';
import { findPair, nodeRange, scalarString } from '../../parse/yaml';

const ALIAS = /^[a-zA-Z0-9_-]+$/;
const CONDITION = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/;
const REPOSITORY = /^(?:https?:\/\/|oci:\/\/|file:\/\/|@|alias:)/;

/** Each `dependencies` entry needs a name, a version range and a repository, and well-formed extras. */
export const rule = defineRule({
  id: 'helm/chart-dependencies',
  title: 'Invalid chart dependency',
  severity: 'error',
  appliesTo: ['helm-chart'],
  aliases: [],
  docs: `\`helm dependency update\` resolves each entry of \`dependencies\` from its \`repository\` (\`https://…\`,
\`oci://…\`, \`file://…\` or a repository alias \`@name\`) to a version matching \`version\` (a SemVer range such as
\`~1.2.0\` or \`17.x.x\`). \`alias\` must be a valid values key; \`condition\` is a comma-separated list of values
paths (\`redis.enabled,global.redis.enabled\`). Two entries with the same name need distinct aliases, or
their values collide. An empty \`dependencies:\` (no value, \`null\` or \`~\`) is no dependencies, as Helm reads it.`,
  remediation: 'Give every dependency a `name`, a `version` range and a `repository` URL; fix the marked field.',
  check(ctx) {
    const lines = ctx.doc.lines;
    const deps = findPair(rootMap(ctx.doc), 'dependencies');
    // `dependencies:` with no value (or `null`, `~`) is an empty list to Helm.
    if (!deps || deps.value === null || (isScalar(deps.value) && deps.value.value === null)) return [];
    const out: Finding[] = [];
    if (!isSeq(deps.value)) {
      out.push({ message: 'dependencies must be a list of charts.', range: nodeRange(lines, deps.value) ?? nodeRange(lines, deps.key)! });
      return out;
    }
    const seen = new Map<string, number>();
    for (const item of deps.value.items) {
      const itemRange = nodeRange(lines, item);
      if (!itemRange) continue;
      if (!isMap(item)) {
        out.push({ message: 'A dependency must be a mapping with name, version and repository.', range: itemRange });
        continue;
      }
      const firstKey = nodeRange(lines, (item.items[0] as { key?: unknown } | undefined)?.key) ?? itemRange;
      const name = scalarString(findPair(item, 'name')?.value);
      if (!name) out.push({ message: 'This dependency has no name.', range: valueOrKeyRange(lines, item, 'name') ?? firstKey });
      const version = scalarString(findPair(item, 'version')?.value);
      if (version === undefined || version === '') {
        out.push({
          message: `Dependency ${name ?? ''} has no version range.`.replace('  ', ' '),
          range: valueOrKeyRange(lines, item, 'version') ?? firstKey,
        });
      } else {
        const problem = constraintProblem(version);
        if (problem)
          out.push({
            message: `Dependency version "${version}" is not a valid range: ${problem}.`,
            range: valueOrKeyRange(lines, item, 'version')!,
          });
      }
      const repo = scalarString(findPair(item, 'repository')?.value);
      if (repo === undefined || repo === '') {
        out.push({
          message: `Dependency ${name ?? ''} has no repository; helm dependency update cannot fetch it.`.replace('  ', ' '),
          range: valueOrKeyRange(lines, item, 'repository') ?? firstKey,
          severity: 'warning',
        });
      } else if (!REPOSITORY.test(repo)) {
        out.push({
          message: `Repository "${repo}" must be an https://, oci:// or file:// URL or an @alias.`,
          range: valueOrKeyRange(lines, item, 'repository')!,
        });
      }
      const alias = scalarString(findPair(item, 'alias')?.value);
      if (alias !== undefined && !ALIAS.test(alias)) {
        out.push({
          message: `Alias "${alias}" may only contain letters, digits, "-" and "_".`,
          range: valueOrKeyRange(lines, item, 'alias')!,
        });
      }
      const condition = scalarString(findPair(item, 'condition')?.value);
      if (condition !== undefined && !condition.split(',').every((c) => CONDITION.test(c.trim()))) {
        out.push({
          message: `Condition "${condition}" must be comma-separated values paths such as "${name ?? 'sub'}.enabled".`,
          range: valueOrKeyRange(lines, item, 'condition')!,
        });
      }
      const key = alias ?? name;
      if (key) {
        if (seen.has(key))
          out.push({
            message: `Dependency "${key}" appears twice; give one an alias.`,
            range: valueOrKeyRange(lines, item, alias ? 'alias' : 'name')!,
          });
        seen.set(key, 1);
      }
    }
    return out;
  },
});
