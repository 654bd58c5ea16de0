/**
 * A Compose file as data with source ranges: what the Compose rules, hovers and the environment
 * parity checks read. Pure: built from a parsed YAML document, it never touches the disk.
 */
import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { LineIndex } from '../engine/text';
import type { Range } from '../engine/types';
import { findPair, nodeRange, parseYaml, type YamlDocument } from '../parse/yaml';

/** A value read from the file and where it is. */
export interface Located<T> {
  readonly value: T;
  readonly range: Range;
}

/** A service's `image:` split into its parts. */
export interface ComposeImage {
  /** The whole reference as written. */
  readonly ref: string;
  /** Registry and path, without tag or digest (`docker.io/library/postgres` stays `postgres`). */
  readonly repo: string;
  readonly tag: string | undefined;
  readonly digest: string | undefined;
  /** Whether the reference uses `${VAR}` interpolation (its parts are then not known). */
  readonly interpolated: boolean;
  readonly range: Range;
}

/** A service's `build:` (the short form `build: ./dir` is a context). */
export interface ComposeBuild {
  readonly context: Located<string> | undefined;
  readonly dockerfile: Located<string> | undefined;
  /** The `build` key. */
  readonly keyRange: Range;
}

/** One environment variable of a service. */
export interface ComposeEnvVar {
  readonly name: string;
  readonly nameRange: Range;
  /** The whole entry (`- KEY=value` item, or the `KEY: value` pair). */
  readonly range: Range;
  /**
   * The literal value, when one is written (`KEY=` gives ''); undefined when the variable is taken
   * from the shell (`- KEY`, `KEY:`). Rules may test it; no message ever shows it.
   */
  readonly value: string | undefined;
  readonly valueRange: Range | undefined;
  readonly form: 'list' | 'map';
}

/** A published or exposed port of a service, short (`"127.0.0.1:8080:80/tcp"`) or long syntax. */
export interface ComposePort {
  readonly hostIp: string | undefined;
  /** The host port or range (`8080`, `8080-8081`); undefined when not published to a fixed port. */
  readonly hostPort: string | undefined;
  /** The container port or range. */
  readonly containerPort: string | undefined;
  readonly protocol: string | undefined;
  readonly form: 'short' | 'long';
  /** The item in `ports:` (the scalar for the short syntax, the mapping for the long one). */
  readonly range: Range;
  /** Whether the short syntax value is a quoted or plain string (false for a bare number). */
  readonly quoted: boolean;
}

/** A service's `healthcheck:`. */
export interface ComposeHealthcheck {
  readonly keyRange: Range;
  /** `disable: true` or `test: ["NONE"]`. */
  readonly disabled: boolean;
  /** `test` as written: a string, or the list form. */
  readonly test: string | readonly string[] | undefined;
}

/** A `command:` or `entrypoint:` override. */
export interface ComposeCommand {
  readonly value: string | readonly string[];
  readonly keyRange: Range;
  readonly range: Range;
}

/** One dependency in `depends_on:`. */
export interface ComposeDependency {
  readonly name: string;
  readonly range: Range;
  /** `condition:` of the long syntax; undefined in the short one. */
  readonly condition: Located<string> | undefined;
  readonly form: 'short' | 'long';
}

/** One mount in a service's `volumes:`. */
export interface ComposeVolumeMount {
  /** `bind` for a path source, `volume` for a named volume, else the long syntax `type`. */
  readonly type: string;
  readonly source: string | undefined;
  readonly sourceRange: Range | undefined;
  readonly target: string | undefined;
  readonly readOnly: boolean;
  readonly range: Range;
}

/** One `labels:` entry (list or map form). */
export interface ComposeLabel {
  readonly name: string;
  readonly nameRange: Range;
  readonly value: string | undefined;
}

/** A service of the `services:` mapping. */
export interface ComposeService {
  readonly name: string;
  readonly keyRange: Range;
  /** The service's mapping (undefined when the service is not a mapping). */
  readonly node: YAMLMap | undefined;
  readonly range: Range;
  readonly image: ComposeImage | undefined;
  readonly build: ComposeBuild | undefined;
  readonly environment: readonly ComposeEnvVar[];
  readonly envFiles: readonly Located<string>[];
  readonly ports: readonly ComposePort[];
  readonly healthcheck: ComposeHealthcheck | undefined;
  readonly command: ComposeCommand | undefined;
  readonly entrypoint: ComposeCommand | undefined;
  readonly dependsOn: readonly ComposeDependency[];
  readonly volumes: readonly ComposeVolumeMount[];
  readonly restart: Located<string> | undefined;
  readonly replicas: Located<number> | undefined;
  readonly containerName: Located<string> | undefined;
  readonly privileged: Located<boolean> | undefined;
  readonly networkMode: Located<string> | undefined;
  readonly pid: Located<string> | undefined;
  readonly labels: readonly ComposeLabel[];
}

/** A named entry of a top-level `secrets:`, `volumes:` or `networks:` mapping. */
export interface ComposeTopLevelEntry {
  readonly name: string;
  readonly keyRange: Range;
  /** `file:` of a secret or config (a path relative to the Compose file). */
  readonly file: Located<string> | undefined;
}

/** A Compose file as data. */
export interface ComposeModel {
  /** The document's root mapping (the first document whose root is a mapping). */
  readonly root: YAMLMap | undefined;
  /** The obsolete top-level `version:` pair, when present. */
  readonly version: { readonly keyRange: Range; readonly range: Range } | undefined;
  readonly services: readonly ComposeService[];
  readonly secrets: readonly ComposeTopLevelEntry[];
  readonly volumes: readonly ComposeTopLevelEntry[];
  readonly networks: readonly ComposeTopLevelEntry[];
}

/** A parsed Compose file: its YAML and its model. */
export interface ComposeDocument extends YamlDocument {
  readonly kind: 'compose';
  readonly model: ComposeModel;
}

const INTERPOLATION = /\$\{?[A-Za-z_]/;

/** Parses a Compose file (never throws); `previous` is an earlier parse of the same file. */
export function parseCompose(text: string, previous?: ComposeDocument): ComposeDocument {
  const yaml = parseYaml(text, 'compose', previous);
  return { ...yaml, kind: 'compose', model: composeModel(yaml) };
}

/** Builds the model of the first mapping document of a parsed Compose file. */
export function composeModel(yaml: Pick<YamlDocument, 'docs' | 'lines'>): ComposeModel {
  const lines = yaml.lines;
  const found = yaml.docs.map((d): unknown => d.contents).find((c) => isMap(c));
  const root = isMap(found) ? found : undefined;
  if (!root) return { root: undefined, version: undefined, services: [], secrets: [], volumes: [], networks: [] };
  const versionPair = findPair(root, 'version');
  const version = versionPair ? { keyRange: rangeOf(lines, versionPair.key), range: pairRange(lines, versionPair) } : undefined;
  const services: ComposeService[] = [];
  for (const pair of pairsOf(findPair(root, 'services')?.value)) {
    const name = keyText(pair);
    if (name === undefined) continue;
    services.push(serviceOf(lines, name, pair));
  }
  return {
    root,
    version,
    services,
    secrets: topLevel(lines, root, 'secrets'),
    volumes: topLevel(lines, root, 'volumes'),
    networks: topLevel(lines, root, 'networks'),
  };
}

function serviceOf(lines: LineIndex, name: string, pair: Pair<Node, Node | null>): ComposeService {
  const node = isMap(pair.value) ? pair.value : undefined;
  const get = (key: string): Node | undefined => valueOf(findPair(node, key));
  const str = (key: string): Located<string> | undefined => locatedString(lines, get(key));
  const replicasNode = valueOf(findPair(get('deploy'), 'replicas'));
  const replicas = isScalar(replicasNode) && Number.isFinite(Number(replicasNode.value)) ? Number(replicasNode.value) : undefined;
  const privileged = get('privileged');
  return {
    name,
    keyRange: rangeOf(lines, pair.key),
    node,
    range: pairRange(lines, pair),
    image: imageOf(lines, get('image')),
    build: buildOf(lines, findPair(node, 'build')),
    environment: environmentOf(lines, get('environment')),
    envFiles: envFilesOf(lines, get('env_file')),
    ports: portsOf(lines, get('ports')),
    healthcheck: healthcheckOf(lines, findPair(node, 'healthcheck')),
    command: commandOf(lines, findPair(node, 'command')),
    entrypoint: commandOf(lines, findPair(node, 'entrypoint')),
    dependsOn: dependsOnOf(lines, get('depends_on')),
    volumes: mountsOf(lines, get('volumes')),
    restart: str('restart'),
    replicas: replicas !== undefined && replicasNode ? { value: replicas, range: rangeOf(lines, replicasNode) } : undefined,
    containerName: str('container_name'),
    privileged:
      isScalar(privileged) && (privileged.value === true || privileged.value === false)
        ? { value: privileged.value, range: rangeOf(lines, privileged) }
        : undefined,
    networkMode: str('network_mode'),
    pid: str('pid'),
    labels: labelsOf(lines, get('labels')),
  };
}

/** Splits an image reference into repository, tag and digest. */
export function splitImage(ref: string): { repo: string; tag: string | undefined; digest: string | undefined } {
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  let tag: string | undefined;
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { repo: rest, tag, digest };
}

function imageOf(lines: LineIndex, node: Node | undefined): ComposeImage | undefined {
  const ref = scalarText(node);
  if (ref === undefined || !node) return undefined;
  return { ref, ...splitImage(ref), interpolated: INTERPOLATION.test(ref), range: rangeOf(lines, node) };
}

function buildOf(lines: LineIndex, pair: Pair<Node, Node | null> | undefined): ComposeBuild | undefined {
  if (!pair) return undefined;
  const value = valueOf(pair);
  if (isScalar(value)) return { context: locatedString(lines, value), dockerfile: undefined, keyRange: rangeOf(lines, pair.key) };
  return {
    context: locatedString(lines, valueOf(findPair(value, 'context'))),
    dockerfile: locatedString(lines, valueOf(findPair(value, 'dockerfile'))),
    keyRange: rangeOf(lines, pair.key),
  };
}

function environmentOf(lines: LineIndex, node: Node | undefined): ComposeEnvVar[] {
  const out: ComposeEnvVar[] = [];
  if (isSeq(node)) {
    for (const item of node.items) {
      const text = scalarText(item);
      if (text === undefined || !isScalar(item)) continue;
      const r = (item as Node).range;
      const eq = text.indexOf('=');
      const name = eq >= 0 ? text.slice(0, eq) : text;
      const range = rangeOf(lines, item);
      // Plain and quoted scalars alike: the name starts at the first character of the text.
      const start = r ? r[0] + quoteWidth(item) : 0;
      const nameRange = r && textMatchesSource(lines, start, name) ? lines.range(start, start + name.length) : range;
      const valueRange =
        eq >= 0 && r && textMatchesSource(lines, start, text)
          ? lines.range(start + eq + 1, start + text.length)
          : eq >= 0
            ? range
            : undefined;
      out.push({ name, nameRange, range, value: eq >= 0 ? text.slice(eq + 1) : undefined, valueRange, form: 'list' });
    }
  } else {
    for (const pair of pairsOf(node)) {
      const name = keyText(pair);
      if (name === undefined) continue;
      const v = valueOf(pair);
      const value = scalarText(v);
      out.push({
        name,
        nameRange: rangeOf(lines, pair.key),
        range: pairRange(lines, pair),
        value,
        valueRange: v && value !== undefined ? rangeOf(lines, v) : undefined,
        form: 'map',
      });
    }
  }
  return out;
}

function envFilesOf(lines: LineIndex, node: Node | undefined): Located<string>[] {
  const one = locatedString(lines, node);
  if (one) return [one];
  if (!isSeq(node)) return [];
  const out: Located<string>[] = [];
  for (const item of node.items) {
    // The long form: `- path: ./x.env` with `required: false`.
    const p = isMap(item) ? valueOf(findPair(item, 'path')) : (item as Node);
    const s = locatedString(lines, p);
    if (s) out.push(s);
  }
  return out;
}

/** Parses the short port syntax `[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]`. */
export function parsePortSpec(spec: string): Pick<ComposePort, 'hostIp' | 'hostPort' | 'containerPort' | 'protocol'> {
  let rest = spec.trim();
  let protocol: string | undefined;
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    protocol = rest.slice(slash + 1);
    rest = rest.slice(0, slash);
  }
  let hostIp: string | undefined;
  if (rest.startsWith('[')) {
    // An IPv6 host address: `[::1]:8080:80`.
    const close = rest.indexOf(']');
    if (close > 0) {
      hostIp = rest.slice(1, close);
      rest = rest.slice(close + 1).replace(/^:/, '');
    }
  }
  const parts = rest.split(':');
  let hostPort: string | undefined;
  let containerPort: string | undefined;
  if (hostIp === undefined && parts.length >= 3) {
    containerPort = parts.pop();
    hostPort = parts.pop();
    hostIp = parts.join(':');
  } else if (parts.length >= 2) {
    containerPort = parts.pop();
    hostPort = parts.join(':');
  } else {
    containerPort = parts[0];
  }
  return { hostIp, hostPort: hostPort === '' ? undefined : hostPort, containerPort: containerPort || undefined, protocol };
}

function portsOf(lines: LineIndex, node: Node | undefined): ComposePort[] {
  if (!isSeq(node)) return [];
  const out: ComposePort[] = [];
  for (const item of node.items) {
    if (isScalar(item)) {
      const text = scalarText(item);
      if (text === undefined) continue;
      const quoted = typeof item.value === 'string';
      out.push({ ...parsePortSpec(text), form: 'short', range: rangeOf(lines, item), quoted });
    } else if (isMap(item)) {
      const field = (k: string): string | undefined => scalarText(valueOf(findPair(item, k)));
      out.push({
        hostIp: field('host_ip'),
        hostPort: field('published'),
        containerPort: field('target'),
        protocol: field('protocol'),
        form: 'long',
        range: mappingRange(lines, item),
        quoted: false,
      });
    }
  }
  return out;
}

function healthcheckOf(lines: LineIndex, pair: Pair<Node, Node | null> | undefined): ComposeHealthcheck | undefined {
  if (!pair) return undefined;
  const value = valueOf(pair);
  const testNode = valueOf(findPair(value, 'test'));
  const test = isSeq(testNode) ? testNode.items.map((i) => scalarText(i) ?? '') : scalarText(testNode);
  const disable = valueOf(findPair(value, 'disable'));
  const disabled = (isScalar(disable) && disable.value === true) || (Array.isArray(test) && test[0] === 'NONE') || test === 'NONE';
  return { keyRange: rangeOf(lines, pair.key), disabled, test };
}

function commandOf(lines: LineIndex, pair: Pair<Node, Node | null> | undefined): ComposeCommand | undefined {
  const value = valueOf(pair);
  if (!pair || !value) return undefined;
  const text = isSeq(value) ? value.items.map((i) => scalarText(i) ?? '') : scalarText(value);
  if (text === undefined) return undefined;
  return { value: text, keyRange: rangeOf(lines, pair.key), range: rangeOf(lines, value) };
}

function dependsOnOf(lines: LineIndex, node: Node | undefined): ComposeDependency[] {
  const out: ComposeDependency[] = [];
  if (isSeq(node)) {
    for (const item of node.items) {
      const name = scalarText(item);
      if (name !== undefined) out.push({ name, range: rangeOf(lines, item), condition: undefined, form: 'short' });
    }
    return out;
  }
  for (const pair of pairsOf(node)) {
    const name = keyText(pair);
    if (name === undefined) continue;
    out.push({
      name,
      range: rangeOf(lines, pair.key),
      condition: locatedString(lines, valueOf(findPair(valueOf(pair), 'condition'))),
      form: 'long',
    });
  }
  return out;
}

/** Whether a short-syntax volume source is a host path (a bind mount) rather than a volume name. */
export function isBindSource(source: string): boolean {
  return /^(?:[./~]|\$|[A-Za-z]:[\\/]|\\\\)/.test(source);
}

/** Splits a short volume spec `SOURCE:TARGET[:MODE]` (Windows drive letters kept with the source). */
export function splitVolumeSpec(spec: string): { source: string | undefined; target: string; mode: string | undefined } {
  const drive = /^[A-Za-z]:[\\/]/.test(spec) ? 2 : 0;
  const first = spec.indexOf(':', drive);
  if (first < 0) return { source: undefined, target: spec, mode: undefined };
  const source = spec.slice(0, first);
  const rest = spec.slice(first + 1);
  const second = rest.indexOf(':');
  return second < 0 ? { source, target: rest, mode: undefined } : { source, target: rest.slice(0, second), mode: rest.slice(second + 1) };
}

function mountsOf(lines: LineIndex, node: Node | undefined): ComposeVolumeMount[] {
  if (!isSeq(node)) return [];
  const out: ComposeVolumeMount[] = [];
  for (const item of node.items) {
    const text = scalarText(item);
    if (text !== undefined && isScalar(item)) {
      const { source, target, mode } = splitVolumeSpec(text);
      const range = rangeOf(lines, item);
      const r = item.range;
      const start = r ? r[0] + quoteWidth(item) : 0;
      const sourceRange =
        source !== undefined && r && textMatchesSource(lines, start, source)
          ? lines.range(start, start + source.length)
          : source !== undefined
            ? range
            : undefined;
      out.push({
        type: source === undefined ? 'volume' : isBindSource(source) ? 'bind' : 'volume',
        source,
        sourceRange,
        target,
        readOnly: mode !== undefined && mode.split(',').includes('ro'),
        range,
      });
    } else if (isMap(item)) {
      const sourceNode = valueOf(findPair(item, 'source'));
      const ro = valueOf(findPair(item, 'read_only'));
      out.push({
        type: scalarText(valueOf(findPair(item, 'type'))) ?? 'volume',
        source: scalarText(sourceNode),
        sourceRange: sourceNode ? rangeOf(lines, sourceNode) : undefined,
        target: scalarText(valueOf(findPair(item, 'target'))),
        readOnly: isScalar(ro) && ro.value === true,
        range: rangeOf(lines, item),
      });
    }
  }
  return out;
}

function labelsOf(lines: LineIndex, node: Node | undefined): ComposeLabel[] {
  const out: ComposeLabel[] = [];
  if (isSeq(node)) {
    for (const item of node.items) {
      const text = scalarText(item);
      if (text === undefined) continue;
      const eq = text.indexOf('=');
      out.push({
        name: eq >= 0 ? text.slice(0, eq) : text,
        nameRange: rangeOf(lines, item),
        value: eq >= 0 ? text.slice(eq + 1) : undefined,
      });
    }
    return out;
  }
  for (const pair of pairsOf(node)) {
    const name = keyText(pair);
    if (name !== undefined) out.push({ name, nameRange: rangeOf(lines, pair.key), value: scalarText(valueOf(pair)) });
  }
  return out;
}

function topLevel(lines: LineIndex, root: YAMLMap, key: string): ComposeTopLevelEntry[] {
  const out: ComposeTopLevelEntry[] = [];
  for (const pair of pairsOf(findPair(root, key)?.value)) {
    const name = keyText(pair);
    if (name === undefined) continue;
    out.push({ name, keyRange: rangeOf(lines, pair.key), file: locatedString(lines, valueOf(findPair(valueOf(pair), 'file'))) });
  }
  return out;
}

// --- small helpers over the YAML nodes ---

function pairsOf(node: unknown): Pair<Node, Node | null>[] {
  if (!isMap(node)) return [];
  return node.items.filter((p): p is Pair<Node, Node | null> => isPair(p) && isScalar(p.key));
}

function valueOf(pair: Pair<Node, Node | null> | undefined): Node | undefined {
  return pair?.value ?? undefined;
}

function keyText(pair: Pair<Node, Node | null>): string | undefined {
  return scalarText(pair.key);
}

/** The text of a scalar (numbers and booleans as written in the value), or undefined. */
function scalarText(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return String(node.value);
}

function locatedString(lines: LineIndex, node: Node | undefined | null): Located<string> | undefined {
  const value = scalarText(node);
  return value === undefined || !node ? undefined : { value, range: rangeOf(lines, node) };
}

function rangeOf(lines: LineIndex, node: unknown): Range {
  return nodeRange(lines, node) ?? lines.range(0, 0);
}

/** From the key's start to the value's end. */
function pairRange(lines: LineIndex, pair: Pair<Node, Node | null>): Range {
  const start = pair.key.range?.[0] ?? 0;
  const end = pair.value?.range?.[1] ?? pair.key.range?.[1] ?? start;
  return lines.range(start, end);
}

/** From a block mapping's first key to its last value (its node range runs on to the next line). */
export function mappingRange(lines: LineIndex, map: YAMLMap): Range {
  const pairs = map.items.filter((p): p is Pair<Node, Node | null> => isPair(p) && isScalar(p.key));
  const first = pairs[0];
  const last = pairs.at(-1);
  if (!first || !last) return rangeOf(lines, map);
  return lines.range(first.key.range?.[0] ?? 0, last.value?.range?.[1] ?? last.key.range?.[1] ?? 0);
}

function quoteWidth(node: Node): number {
  return isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') ? 1 : 0;
}

/** Whether the source at `start` spells `text` exactly (no escapes or folding in between). */
function textMatchesSource(lines: LineIndex, start: number, text: string): boolean {
  return lines.text.startsWith(text, start);
}
