import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding, TextEdit } from '../../engine/types';
import { compareMinor, deprecationOf, replacementAt } from '../../k8s/schema/deprecations';
import type { YamlDocument } from '../../parse/yaml';
import { findPair, getIn, nodeRange } from '../../parse/yaml';

/** Facts the fix needs: which document, and the apiVersion to move to. */
interface MigrateData {
  docIndex: number;
  from: string;
  to: string;
}

function isMigrateData(d: unknown): d is MigrateData {
  const o = d as Partial<MigrateData> | null;
  return typeof o?.docIndex === 'number' && typeof o.from === 'string' && typeof o.to === 'string';
}

/** Removed or soon-removed apiVersions for the target Kubernetes version, with a migrating fix. */
export const rule = defineRule({
  id: 'k8s/deprecated-api-version',
  title: 'Deprecated or removed apiVersion',
  severity: 'warning',
  fixApplicability: 'unsafe',
  appliesTo: ['manifest'],
  aliases: ['kube-linter:no-extensions-v1beta', 'kube-score:stable-version'],
  docs: `Reports objects whose \`apiVersion\` the target cluster no longer serves, or will stop serving, as
listed in the Kubernetes deprecation guide: \`extensions/v1beta1\` and \`apps/v1beta1|2\` workloads
(removed in 1.16), \`extensions/v1beta1\` and \`networking.k8s.io/v1beta1\` Ingress, \`v1beta1\` RBAC,
CRDs, webhooks and more (1.22), \`batch/v1beta1\` CronJob, \`policy/v1beta1\` PodDisruptionBudget and
PodSecurityPolicy, \`autoscaling/v2beta1\` (1.25), \`autoscaling/v2beta2\` and \`flowcontrol\` \`v1beta1\`
(1.26), \`storage.k8s.io/v1beta1\` CSIStorageCapacity (1.27), \`flowcontrol\` \`v1beta2\` (1.29) and
\`v1beta3\` (1.32).

The target version is the \`shipshape.kubernetesVersion\` setting (or \`kubernetesVersion\` in
\`.shipshape.yaml\`). An apiVersion already removed in that version is an error; one whose replacement
is available but which is still served is a warning. The quick fix switches to the replacement and,
for Ingress, migrates the fields whose shape changed (\`serviceName\`/\`servicePort\` to
\`service.name\`/\`service.port.number|name\`, \`spec.backend\` to \`spec.defaultBackend\`, a \`pathType\`
on every path); for \`extensions/v1beta1\` workloads it adds the \`spec.selector\` apps/v1 requires.`,
  remediation: 'Switch to the replacement apiVersion (the quick fix migrates the fields) and re-check the object.',
  check(ctx) {
    const target = ctx.settings.kubernetesVersion;
    const out: Finding[] = [];
    for (const obj of ctx.doc.objects) {
      if (!obj.apiVersion || !obj.kind) continue;
      const d = deprecationOf(obj.apiVersion, obj.kind);
      if (!d || compareMinor(target, d.replacementSince) < 0) continue;
      const range = nodeRange(ctx.doc.lines, getIn(obj.root, ['apiVersion']));
      if (!range) continue;
      const to = replacementAt(d, target);
      const removed = compareMinor(target, d.removedIn) >= 0;
      const what = `${obj.apiVersion} ${obj.kind}`;
      const instead = to ? `use ${to}` : 'there is no replacement';
      const note = d.note ? ` (${d.note})` : '';
      out.push({
        message: removed
          ? `${what} was removed in Kubernetes ${d.removedIn} (target ${target}); ${instead}${note}.`
          : `${what} is deprecated and removed in Kubernetes ${d.removedIn}; ${instead}${note}.`,
        range,
        severity: removed ? 'error' : 'warning',
        data: to ? ({ docIndex: obj.docIndex, from: obj.apiVersion, to } satisfies MigrateData) : undefined,
      });
    }
    return out;
  },
  fix(ctx, finding) {
    if (!isMigrateData(finding.data)) return undefined;
    const { docIndex, from, to } = finding.data;
    const obj = ctx.doc.objects.find((o) => o.docIndex === docIndex);
    if (!obj || obj.apiVersion !== from || !obj.kind) return undefined;
    const value = getIn(obj.root, ['apiVersion']);
    const vr = offsets(value);
    if (!vr) return undefined;
    const written = ctx.doc.text.slice(vr[0], vr[1]);
    const q = /^["']/.test(written) ? written[0]! : '';
    const edits: TextEdit[] = [{ range: ctx.doc.lines.range(vr[0], vr[1]), newText: `${q}${to}${q}` }];
    if (obj.kind === 'Ingress' && to === 'networking.k8s.io/v1') edits.push(...migrateIngress(ctx.doc, obj.root));
    if ((from === 'extensions/v1beta1' || from === 'apps/v1beta1') && to === 'apps/v1') edits.push(...addSelector(ctx.doc, obj.root));
    return { title: `Change apiVersion to ${to}`, edits };
  },
});

function offsets(node: unknown): [number, number] | undefined {
  const r = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return r ? [r[0], r[1]] : undefined;
}

/** The indentation step of a block mapping nested under a key (2 when it cannot be told). */
function indentStep(doc: YamlDocument, parentKey: Node, child: YAMLMap): number {
  const k = offsets(parentKey);
  const first = child.items[0];
  const c = first && isPair(first) ? offsets(first.key) : undefined;
  if (!k || !c) return 2;
  const step = doc.lines.positionAt(c[0]).character - doc.lines.positionAt(k[0]).character;
  return step > 0 && step <= 8 ? step : 2;
}

function column(doc: YamlDocument, offset: number): number {
  return doc.lines.positionAt(offset).character;
}

function migrateIngress(doc: YamlDocument, root: YAMLMap): TextEdit[] {
  const edits: TextEdit[] = [];
  const spec = getIn(root, ['spec']);
  const oldDefault = findPair(spec, 'backend');
  if (oldDefault && isScalar(oldDefault.key) && !findPair(spec, 'defaultBackend')) {
    const kr = offsets(oldDefault.key);
    if (kr && doc.text.slice(kr[0], kr[1]) === 'backend') edits.push({ range: doc.lines.range(kr[0], kr[1]), newText: 'defaultBackend' });
    if (oldDefault) edits.push(...migrateBackend(doc, oldDefault));
  }
  const rules = getIn(spec, ['rules']);
  if (isSeq(rules)) {
    for (const r of rules.items) {
      const paths = getIn(r, ['http', 'paths']);
      if (!isSeq(paths)) continue;
      for (const p of paths.items) {
        if (!isMap(p)) continue;
        const backend = findPair(p, 'backend');
        if (!backend) continue;
        edits.push(...migrateBackend(doc, backend));
        if (!findPair(p, 'pathType') && !p.flow) {
          const kr = offsets(backend.key);
          if (kr)
            edits.push({
              range: doc.lines.range(kr[0], kr[0]),
              newText: `pathType: ImplementationSpecific\n${' '.repeat(column(doc, kr[0]))}`,
            });
        }
      }
    }
  }
  return edits;
}

/** Rewrites `serviceName`/`servicePort` of one backend into `service.name`/`service.port`. */
function migrateBackend(doc: YamlDocument, backend: Pair<Node, Node | null>): TextEdit[] {
  const map = backend.value;
  if (!isMap(map)) return [];
  const items = map.items;
  const si = items.findIndex((i) => isPair(i) && isScalar(i.key) && i.key.value === 'serviceName');
  const pi = items.findIndex((i) => isPair(i) && isScalar(i.key) && i.key.value === 'servicePort');
  if (si < 0 || pi < 0 || Math.abs(si - pi) !== 1) return [];
  const sName = items[si]!.value;
  const sPort = items[pi]!.value;
  if (!isScalar(sName) || !isScalar(sPort)) return [];
  const nameText = doc.text.slice(...offsets(sName)!);
  const portText = doc.text.slice(...offsets(sPort)!);
  const portKey = typeof sPort.value === 'number' || /^\d+$/.test(String(sPort.value)) ? 'number' : 'name';
  const firstKey = items[Math.min(si, pi)]!.key as Node;
  const lastVal = items[Math.max(si, pi)]!.value as Node;
  const start = offsets(firstKey)![0];
  const end = offsets(lastVal)![1];
  if (map.flow) {
    const mr = offsets(map);
    if (!mr || items.length !== 2) return [];
    return [{ range: doc.lines.range(mr[0], mr[1]), newText: `{service: {name: ${nameText}, port: {${portKey}: ${portText}}}}` }];
  }
  const step = ' '.repeat(indentStep(doc, backend.key as Node, map));
  const ind = ' '.repeat(column(doc, start));
  return [
    {
      range: doc.lines.range(start, end),
      newText: `service:\n${ind}${step}name: ${nameText}\n${ind}${step}port:\n${ind}${step}${step}${portKey}: ${portText}`,
    },
  ];
}

/** apps/v1 requires `spec.selector`; extensions/v1beta1 defaulted it to the template labels. */
function addSelector(doc: YamlDocument, root: YAMLMap): TextEdit[] {
  const spec = getIn(root, ['spec']);
  if (!isMap(spec) || spec.flow || findPair(spec, 'selector')) return [];
  const template = findPair(spec, 'template');
  const labels = getIn(template?.value, ['metadata', 'labels']);
  if (!template || !isMap(labels) || labels.items.length === 0) return [];
  const kr = offsets(template.key);
  if (!kr) return [];
  const ind = ' '.repeat(column(doc, kr[0]));
  const step = ' '.repeat(indentStep(doc, template.key as Node, isMap(template.value) ? template.value : labels));
  const lines = labels.items
    .filter(isPair)
    .map((p) => {
      const k = offsets(p.key);
      const v = offsets(p.value);
      return k && v ? `${ind}${step}${step}${doc.text.slice(k[0], k[1])}: ${doc.text.slice(v[0], v[1])}\n` : '';
    })
    .join('');
  return [{ range: doc.lines.range(kr[0], kr[0]), newText: `selector:\n${ind}${step}matchLabels:\n${lines}${ind}` }];
}
