/**
 * OpenAPI v3 for the test API server, and the server-side field validation it advertises.
 *
 * The documents are derived from the Kubernetes schemas Shipshape bundles for its own validation
 * (server/src/k8s/schema), so no kind is described by hand. Every write operation lists the
 * `fieldValidation` query parameter: kubectl then leaves `--validate=strict|warn` to the server
 * (`fieldValidation=Strict|Warn`), which {@link unknownFields} implements.
 */
import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import { builtinSchema, type ObjectSchema, type SchemaNode } from '../../server/src/k8s/schema/model';
import { BUILTIN_TYPES, groupVersion } from './resources';
import type { ResourceType } from './types';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** The `/openapi/v3` index and the per-group-version documents it points to. */
export class OpenApiV3 {
  private readonly docs = new Map<string, { text: string; hash: string }>();

  /** `types`: the resource types to describe; those without a bundled schema are left out. */
  constructor(types: readonly ResourceType[]) {
    const byGv = new Map<string, { rt: ResourceType; schema: ObjectSchema }[]>();
    for (const rt of types) {
      const schema = builtinSchema(groupVersion(rt), rt.kind);
      if (!schema) continue;
      const key = rt.group ? `apis/${rt.group}/${rt.version}` : `api/${rt.version}`;
      const list = byGv.get(key) ?? [];
      list.push({ rt, schema });
      byGv.set(key, list);
    }
    for (const [key, kinds] of byGv) {
      const text = JSON.stringify(document(key, kinds));
      this.docs.set(key, { text, hash: createHash('sha512').update(text).digest('hex').toUpperCase() });
    }
  }

  /** The index served at `/openapi/v3`. */
  index(): object {
    const paths: Record<string, { serverRelativeURL: string }> = {};
    for (const [key, doc] of this.docs) paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${doc.hash}` };
    return { paths };
  }

  /** The JSON text of one group-version document (`apis/apps/v1`, `api/v1`), if served. */
  document(key: string): string | undefined {
    return this.docs.get(key)?.text;
  }
}

let builtin: OpenApiV3 | undefined;

/** The OpenAPI v3 documents of the built-in resource types, built on first use. */
export function openApiV3(): OpenApiV3 {
  return (builtin ??= new OpenApiV3(BUILTIN_TYPES));
}

/** What a write asks of field validation, as the operations see the request. */
export interface FieldValidationRequest {
  readonly method: string;
  readonly rt: ResourceType;
  readonly sub?: string;
  readonly query: URLSearchParams;
  readonly body: Buffer;
  readonly contentType: string;
}

/**
 * Server-side field validation of a create, update or patch body (`?fieldValidation=Strict|Warn`):
 * Strict refuses unknown fields with the API server's strict-decoding error, Warn lets the write
 * through with one `Warning` header value per field. Undefined when there is nothing to say.
 */
export function fieldValidation(req: FieldValidationRequest): { error?: { code: number; body: object }; warnings: string[] } | undefined {
  const directive = req.query.get('fieldValidation');
  if (directive !== 'Strict' && directive !== 'Warn') return undefined;
  if (!['POST', 'PUT', 'PATCH'].includes(req.method) || !req.body.length || (req.sub && req.sub !== 'status')) return undefined;
  const type = req.contentType.split(';')[0].trim();
  if (type === 'application/json-patch+json') return undefined;
  let body: unknown;
  try {
    body = type === 'application/apply-patch+yaml' ? parseYaml(req.body.toString('utf8')) : JSON.parse(req.body.toString('utf8'));
  } catch {
    return undefined;
  }
  const fields = unknownFields(req.rt, body);
  if (!fields.length) return undefined;
  const problems = fields.map((f) => `unknown field ${JSON.stringify(f)}`);
  if (directive === 'Warn') return { warnings: problems.map((p) => `299 - ${JSON.stringify(p)}`) };
  const { kind, version } = req.rt;
  const message = `${kind} in version ${JSON.stringify(version)} cannot be handled as a ${kind}: strict decoding error: ${problems.join(', ')}`;
  return {
    warnings: [],
    error: {
      code: 400,
      body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'BadRequest', code: 400 },
    },
  };
}

function document(key: string, kinds: readonly { rt: ResourceType; schema: ObjectSchema }[]): object {
  // Names are unique within a document; the bundle reuses a type name across API groups.
  const names = new Map<ObjectSchema, string>();
  const taken = new Set<string>();
  const schemas: Record<string, Json> = {};
  const nameOf = (s: ObjectSchema): string => {
    let name = names.get(s);
    if (name) return name;
    name = s.name;
    for (let n = 2; taken.has(name); n++) name = `${s.name}_${n}`;
    names.set(s, name);
    taken.add(name);
    schemas[name] = objectSchema(s, nameOf);
    return name;
  };
  const paths: Record<string, Json> = {};
  for (const { rt, schema } of kinds) {
    const name = nameOf(schema);
    (schemas[name] as Record<string, Json>)['x-kubernetes-group-version-kind'] = [{ group: rt.group, version: rt.version, kind: rt.kind }];
    const gvk = { group: rt.group, version: rt.version, kind: rt.kind };
    const body = { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } } };
    const ok = { '200': { description: 'OK', content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } } } };
    const op = (action: string, withBody: boolean): Json => ({
      operationId: `${action}${rt.kind}`,
      'x-kubernetes-action': action,
      'x-kubernetes-group-version-kind': gvk,
      parameters: withBody ? WRITE_PARAMETERS : [],
      ...(withBody ? { requestBody: body } : {}),
      responses: ok,
    });
    const base = `/${key}${rt.namespaced ? '/namespaces/{namespace}' : ''}/${rt.plural}`;
    paths[base] = { get: op('list', false), post: op('post', true) };
    paths[`${base}/{name}`] = { get: op('get', false), put: op('put', true), patch: op('patch', true), delete: op('delete', false) };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.33.0' }, paths, components: { schemas } };
}

const WRITE_PARAMETERS: Json = ['dryRun', 'fieldManager', 'fieldValidation'].map((name) => ({
  name,
  in: 'query',
  schema: { type: 'string', uniqueItems: true },
}));

function objectSchema(s: ObjectSchema, nameOf: (s: ObjectSchema) => string): Json {
  const properties: Record<string, Json> = {};
  for (const [k, v] of s.props) properties[k] = node(v, nameOf);
  return {
    type: 'object',
    properties,
    ...(s.required.length ? { required: [...s.required] } : {}),
    ...(s.open ? { 'x-kubernetes-preserve-unknown-fields': true } : {}),
  };
}

function node(n: SchemaNode, nameOf: (s: ObjectSchema) => string): Json {
  switch (n.t) {
    case 'object':
      return { $ref: `#/components/schemas/${nameOf(n)}` };
    case 'array':
      return { type: 'array', items: node(n.items, nameOf) };
    case 'map':
      return { type: 'object', additionalProperties: node(n.values, nameOf) };
    case 'enum':
      return { type: 'string', enum: [...n.values] };
    case 'quantity':
    case 'int-or-string':
      return { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] };
    case 'time':
      return { type: 'string', format: 'date-time' };
    case 'any':
      return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
    default:
      return { type: n.t };
  }
}

/**
 * The fields of a request body its kind's schema does not know, as the API server names them
 * (`spec.template.spec.containers[0].foo`). Patch directives (`$patch`, `$setElementOrder/…`) are
 * not fields; `null` values delete and are not checked.
 */
export function unknownFields(rt: ResourceType, body: unknown): string[] {
  const schema = builtinSchema(groupVersion(rt), rt.kind);
  const out: string[] = [];
  if (schema) walk(body, schema, '', out);
  return out;
}

function walk(value: unknown, schema: SchemaNode, at: string, out: string[]): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    if (schema.t === 'array') value.forEach((v, i) => walk(v, schema.items, `${at}[${i}]`, out));
    return;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([k]) => !k.startsWith('$'));
  if (schema.t === 'map') {
    for (const [k, v] of entries) walk(v, schema.values, at ? `${at}.${k}` : k, out);
    return;
  }
  if (schema.t !== 'object') return;
  for (const [k, v] of entries) {
    const path = at ? `${at}.${k}` : k;
    const prop = schema.props.get(k);
    if (prop) walk(v, prop, path, out);
    else if (!schema.open) out.push(path);
  }
}
