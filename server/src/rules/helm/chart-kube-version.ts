import { defineRule } from '../../engine/rule';
import { constraintProblem } from '../../helm/semver';
import { rootMap } from '../../helm/yamlnav';
import { findPair, nodeRange, scalarString } from '../../parse/yaml';

/** `kubeVersion` is a SemVer constraint that Helm checks against the cluster before installing. */
export const rule = defineRule({
  id: 'helm/chart-kube-version',
  title: 'Invalid kubeVersion constraint',
  severity: 'error',
  appliesTo: ['helm-chart'],
  aliases: [],
  docs: `\`kubeVersion\` restricts the Kubernetes versions a chart installs on, as a SemVer constraint:
\`>=1.25.0-0\`, \`>=1.25.0-0 <1.34.0\`, \`~1.30\`, \`^1.28 || ^1.30\`, \`1.28 - 1.31\`. Helm refuses a chart whose
constraint it cannot parse. (Managed clusters report versions like \`1.30.2-eks-1234\`, which only satisfy a
constraint with a \`-0\` pre-release suffix.)`,
  remediation: 'Write a constraint such as `>=1.25.0-0`.',
  check(ctx) {
    const pair = findPair(rootMap(ctx.doc), 'kubeVersion');
    const value = scalarString(pair?.value);
    const range = nodeRange(ctx.doc.lines, pair?.value);
    if (value === undefined || !range) return [];
    const problem = constraintProblem(value);
    return problem ? [{ message: `kubeVersion "${value}" is not a valid constraint: ${problem}.`, range }] : [];
  },
});
