/**
 * Kustomize patches. A file a `kustomization.yaml` lists under `patches:` (by `path`),
 * `patchesStrategicMerge:` or `patchesJson6902:` is not an object of its own but a change to one
 * defined elsewhere: a ten-line patch that sets an image has no probes, resources or security
 * context because the object it patches has them. Rules that report what an object lacks do not run
 * on patches; rules about what a patch itself writes do.
 */
import * as path from 'node:path';
import { isMap, isScalar, isSeq, parseAllDocuments } from 'yaml';
import type { WorkspaceView } from './workspace';

/**
 * The rules that still run on a patch: each reports something the patch writes (a value, a field,
 * a reference), never something it leaves out. Any other rule, new ones included, is skipped on
 * patches, so a rule about absent fields cannot raise false alarms on them.
 */
export const PATCH_RULES: ReadonlySet<string> = new Set([
  'k8s/dangerous-capabilities',
  'k8s/deprecated-api-version',
  'k8s/docker-socket',
  'k8s/duplicate-env',
  'k8s/host-namespaces',
  'k8s/host-path',
  'k8s/host-port',
  'k8s/hpa-replicas-conflict',
  'k8s/hpa-target-missing',
  'k8s/image-latest-tag',
  'k8s/ingress-backend-missing',
  'k8s/networkpolicy-selects-nothing',
  'k8s/pdb-blocks-eviction',
  'k8s/pdb-selects-nothing',
  'k8s/plaintext-secret-config',
  'k8s/plaintext-secret-env',
  'k8s/privileged-container',
  'k8s/probes-identical',
  'k8s/proc-mount',
  'k8s/reference-missing',
  'k8s/requests-exceed-limits',
  'k8s/run-as-user-id',
  'k8s/schema-type',
  'k8s/schema-unknown-field',
  'k8s/schema-unknown-kind',
  'k8s/service-selects-nothing',
  'k8s/unsafe-sysctls',
  'yaml/syntax',
]);

/** The patch files a kustomization lists, as absolute paths (inline patches and remote ones left out). */
export function kustomizationPatches(file: string, text: string): string[] {
  const dir = path.dirname(file);
  const out: string[] = [];
  const add = (v: unknown) => {
    if (typeof v !== 'string') return;
    const rel = v.trim();
    if (!rel || rel.includes('\n') || /^[a-z][a-z0-9+.-]*:\/\//i.test(rel)) return;
    out.push(path.resolve(dir, rel));
  };
  let docs;
  try {
    docs = parseAllDocuments(text, { logLevel: 'silent' });
  } catch {
    return out;
  }
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    const root = doc.contents;
    if (!isMap(root)) continue;
    for (const key of ['patchesStrategicMerge', 'patches', 'patchesJson6902']) {
      const list = root.get(key, true);
      if (!isSeq(list)) continue;
      for (const item of list.items) {
        if (isScalar(item)) add(item.value);
        else if (isMap(item)) {
          const p = item.get('path', true);
          if (isScalar(p)) add(p.value);
        }
      }
    }
  }
  return out;
}

const patchSets = new WeakMap<object, ReadonlySet<string>>();

/** Whether a kustomization of the workspace lists this file as a patch. */
export function isKustomizePatch(workspace: WorkspaceView, file: string | undefined): boolean {
  if (!file) return false;
  const list = workspace.filesOfKind('kustomization');
  if (!list.length) return false;
  let set = patchSets.get(list);
  if (!set) {
    set = new Set(list.flatMap((f) => f.patches ?? []));
    patchSets.set(list, set);
  }
  return set.has(file);
}
