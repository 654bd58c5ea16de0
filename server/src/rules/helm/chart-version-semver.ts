import { isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { isLooseSemver, isStrictSemver } from '../../helm/semver';
import { rootMap } from '../../helm/yamlnav';
import { findPair, nodeRange } from '../../parse/yaml';

/** `version` must be SemVer 2; Helm reads some looser forms but repositories and OCI tags do not. */
export const rule = defineRule({
  id: 'helm/chart-version-semver',
  title: 'Chart version is not SemVer',
  severity: 'error',
  appliesTo: ['helm-chart'],
  aliases: [],
  docs: `A chart's \`version\` must be a SemVer 2 version (\`1.2.3\`, \`1.2.3-rc.1\`). Helm rejects anything it cannot
read as a version. It reads \`v1.2.3\` and \`1.2\` but normalises them, so the packaged file name, the repository
index and OCI tags no longer match what \`Chart.yaml\` says; these are reported as warnings. A number written
without quotes (\`version: 1.10\`) is read by YAML as \`1.1\`.`,
  remediation: 'Write the version as three numbers, e.g. `version: 1.2.3`.',
  check(ctx) {
    const map = rootMap(ctx.doc);
    const pair = findPair(map, 'version');
    if (!pair || !isScalar(pair.value) || pair.value.value === null) return [];
    const range = nodeRange(ctx.doc.lines, pair.value);
    if (!range) return [];
    const source = (pair.value.source ?? String(pair.value.value)).trim();
    const out: Finding[] = [];
    if (typeof pair.value.value === 'number' && !isStrictSemver(source)) {
      out.push({ message: `version ${source} is a YAML number, not a SemVer version; write e.g. "${source}.0".`, range });
    } else if (!isLooseSemver(source)) {
      out.push({ message: `version "${source}" is not a SemVer version.`, range });
    } else if (!isStrictSemver(source)) {
      out.push({ message: `version "${source}" is not strict SemVer 2 (three numbers, no "v" prefix).`, range, severity: 'warning' });
    }
    return out;
  },
});
