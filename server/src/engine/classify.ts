import * as path from 'node:path';
import type { DocumentKind } from './types';
import { peerToolOf } from './peer-config';

/** The minimal file-system access classification and config loading need. */
export interface FileProbe {
  exists(p: string): boolean;
}

/** Result of classifying a document. */
export interface Classification {
  readonly kind: DocumentKind;
  /** The chart folder (the nearest ancestor holding `Chart.yaml`), for Helm files. */
  readonly chartRoot: string | undefined;
}

const DOCKERFILE_NAME = /^(?:(?:Docker|Container)file(?:\..+)?|.+\.(?:Docker|Container)file)$/i;
const YAML_EXT = /\.ya?ml$/i;
const VALUES_NAME = /^values(?:[-._].+)?\.ya?ml$/i;
const KUSTOMIZATION = /^(?:kustomization\.ya?ml|Kustomization)$/;
/**
 * A top-level `apiVersion:` and `kind:` key, the cheap pre-test for a Kubernetes manifest: plain or
 * quoted JSON-style (`"apiVersion": v1`), after a byte order mark on the first line.
 */
const API_VERSION_LINE = /^\uFEFF?(?:apiVersion|"apiVersion"|'apiVersion')[ \t]*:/m;
const KIND_LINE = /^\uFEFF?(?:kind|"kind"|'kind')[ \t]*:/m;
/** The same keys anywhere in a JSON object (JSON manifests are indented, or on one line). */
const JSON_API_VERSION = /"apiVersion"[ \t\r\n]*:/;
const JSON_KIND = /"kind"[ \t\r\n]*:/;
const JSON_EXT = /\.json$/i;
/**
 * The names Docker Compose looks for and the conventional variants: `compose.yaml`, `compose.yml`,
 * `compose.<anything>.yaml`, `docker-compose.yml` and `docker-compose<-._anything>.yml`.
 */
const COMPOSE_NAME = /^(?:docker-compose(?:[-._].+)?|compose(?:\..+)?)\.ya?ml$/i;

/** Whether a file name is one Docker Compose reads (or a conventional override of one). */
export function isComposeName(base: string): boolean {
  return COMPOSE_NAME.test(base);
}

/** Finds the nearest ancestor folder of `file` (stopping at `stopAt`) that holds `Chart.yaml`. */
export function findChartRoot(file: string, probe: FileProbe, stopAt?: string): string | undefined {
  let dir = path.dirname(file);
  for (let i = 0; i < 64; i++) {
    if (probe.exists(path.join(dir, 'Chart.yaml'))) return dir;
    if (stopAt && path.resolve(dir) === path.resolve(stopAt)) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

/** Whether YAML text has a document with top-level `apiVersion` and `kind`. */
export function looksLikeManifest(text: string): boolean {
  return API_VERSION_LINE.test(text) && KIND_LINE.test(text);
}

/** Whether JSON text is an object with `apiVersion` and `kind` keys (JSON is YAML: it is read as such). */
export function looksLikeJsonManifest(text: string): boolean {
  return /^\uFEFF?\s*\{/.test(text) && JSON_API_VERSION.test(text) && JSON_KIND.test(text);
}

/**
 * Decides what a document is, from its path, language id and (for plain YAML) its content.
 * Anything not recognised is `other`, which gets no findings at all.
 */
export function classify(filePath: string | undefined, languageId: string | undefined, text: string, probe: FileProbe): Classification {
  const base = filePath ? path.basename(filePath) : '';
  const none: Classification = { kind: 'other', chartRoot: undefined };
  if (base === '.shipshape.yaml' || base === '.shipshape.yml') return { kind: 'shipshape-config', chartRoot: undefined };
  if (base === '.dockerignore' || base.endsWith('.dockerignore')) return { kind: 'dockerignore', chartRoot: undefined };
  if (peerToolOf(base) && !looksLikeManifest(text)) return { kind: 'peer-config', chartRoot: undefined };
  if (languageId === 'dockerfile' || DOCKERFILE_NAME.test(base)) return { kind: 'dockerfile', chartRoot: undefined };

  if (filePath) {
    const chartRoot = findChartRoot(filePath, probe);
    if (chartRoot) {
      const rel = path.relative(chartRoot, filePath).split(path.sep);
      if (rel.length === 1) {
        if (base === 'Chart.yaml') return { kind: 'helm-chart', chartRoot };
        if (base === 'values.schema.json') return { kind: 'helm-schema', chartRoot };
        if (VALUES_NAME.test(base)) return { kind: 'helm-values', chartRoot };
      }
      if (rel[0] === 'templates') return { kind: 'helm-template', chartRoot };
    }
  }
  if (KUSTOMIZATION.test(base)) return { kind: 'kustomization', chartRoot: undefined };
  // A Kubernetes object saved under a Compose name (kompose output) stays a manifest.
  if ((COMPOSE_NAME.test(base) || languageId === 'dockercompose') && !looksLikeManifest(text))
    return { kind: 'compose', chartRoot: undefined };
  const isYaml = languageId === 'yaml' || YAML_EXT.test(base) || (languageId === undefined && !filePath);
  if (isYaml && looksLikeManifest(text)) return { kind: 'manifest', chartRoot: undefined };
  if ((languageId === 'json' || JSON_EXT.test(base)) && looksLikeJsonManifest(text)) return { kind: 'manifest', chartRoot: undefined };
  return none;
}
