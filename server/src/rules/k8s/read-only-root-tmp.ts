import { isMap, isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding, TextEdit } from '../../engine/types';
import { indentStyle, mergeIntoMap } from '../../k8s/edit';
import { containerAt, containerSites, dig, seqAt, type ContainerData } from '../../k8s/pod';
import { getIn, nodeRange } from '../../parse/yaml';

/** A read-only root filesystem usually needs a writable `/tmp`. */
export const rule = defineRule({
  id: 'k8s/read-only-root-tmp',
  title: 'Read-only root filesystem without a writable /tmp',
  severity: 'hint',
  fixApplicability: 'unsafe',
  appliesTo: ['manifest'],
  aliases: [],
  docs: `Many runtimes and libraries write temporary files (JVMs, Python, nginx caches). With
\`readOnlyRootFilesystem: true\` and nothing mounted at \`/tmp\`, those writes fail at run time, often long after
deployment. An \`emptyDir\` volume at \`/tmp\` keeps the root filesystem read-only and \`/tmp\` writable.`,
  remediation: 'Mount an `emptyDir` volume at `/tmp` (the quick fix adds both the volume and the mount).',
  check(ctx) {
    const out: Finding[] = [];
    for (const site of containerSites(ctx.doc)) {
      const ro = getIn(site.node, ['securityContext', 'readOnlyRootFilesystem']);
      if (!isScalar(ro) || ro.value !== true) continue;
      const mounts = seqAt(site.node, ['volumeMounts']);
      if (mounts.some((m) => String(dig(m.toJSON(), 'mountPath')).replace(/\/$/, '') === '/tmp')) continue;
      const range = nodeRange(ctx.doc.lines, ro);
      const data: ContainerData = { doc: site.obj.docIndex, path: site.path };
      if (range)
        out.push({ message: 'The root filesystem is read-only and nothing is mounted at /tmp; add an emptyDir there.', range, data });
    }
    return out;
  },
  fix(ctx, finding) {
    const site = containerAt(ctx.doc, finding.data);
    if (!site) return undefined;
    const used = new Set(seqAt(site.pod, ['volumes']).map((v) => String(dig(v.toJSON(), 'name'))));
    let name = 'tmp';
    for (let i = 2; used.has(name); i++) name = `tmp-${i}`;
    const style = indentStyle(ctx.doc.text);
    const edits: TextEdit[] = [
      ...mergeIntoMap(ctx.doc.lines, site.node, { volumeMounts: [{ name, mountPath: '/tmp' }] }, style),
      ...mergeIntoMap(ctx.doc.lines, site.pod, { volumes: [{ name, emptyDir: {} }] }, style),
    ];
    if (!isMap(site.pod) || !edits.length) return undefined;
    return { title: 'Mount an emptyDir volume at /tmp', edits };
  },
});
