// Builds an offline Kubernetes JSON schema in the shape of the "standalone-strict all.json" that
// yaml-language-server's `kubernetes` association downloads: a `oneOf` over every built-in kind,
// objects closed with `additionalProperties: false`, `apiVersion`/`kind` pinned per kind.
// Sources (both npm packages, no network): the OpenAPI-generated models of @kubernetes/client-node
// (properties, types, required fields, descriptions) and the kind files of kubernetes-models
// (which group each kind belongs to).
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const MODELS = path.join(ROOT, 'node_modules/@kubernetes/client-node/dist/gen/models');
const KM = path.join(ROOT, 'node_modules/kubernetes-models');
const QUANTITY_MAPS = new Set(['limits', 'requests', 'hard', 'capacity', 'allocatable', 'overhead', 'used']);

function readModel(name) {
  const d = fs.readFileSync(path.join(MODELS, `${name}.d.ts`), 'utf8');
  const js = fs.readFileSync(path.join(MODELS, `${name}.js`), 'utf8');
  const m = /attributeTypeMap = (\[[\s\S]*?\]);/.exec(js);
  const attrs = m ? JSON.parse(m[1]) : [];
  const required = new Set();
  const descriptions = new Map();
  const prop = /\/\*\*\n([\s\S]*?)\*\/\n\s*'([^']+)'(\??):/g;
  let p;
  while ((p = prop.exec(d))) {
    if (p[3] !== '?') required.add(p[2]);
    descriptions.set(p[2], p[1].replace(/^\s*\*\s?/gm, '').replace(/\\(["'])/g, '$1').trim());
  }
  const cls = /\/\*\*\n((?:(?!\*\/)[\s\S])*?)\*\/\nexport declare class/.exec(d);
  return { attrs, required, descriptions, description: cls ? cls[1].replace(/^\s*\*\s?/gm, '').trim() : undefined };
}

const known = new Set(fs.readdirSync(MODELS).filter((f) => f.endsWith('.d.ts')).map((f) => f.slice(0, -5)));

function typeSchema(t, prop) {
  if (t === 'string') return { type: 'string' };
  if (t === 'number') return { type: 'number' };
  if (t === 'boolean') return { type: 'boolean' };
  if (t === 'Date') return { type: 'string', format: 'date-time' };
  if (t === 'IntOrString') return { oneOf: [{ type: 'string' }, { type: 'integer' }] };
  if (t === 'any' || t === 'object') return {};
  let m = /^Array<(.+)>$/.exec(t);
  if (m) return { type: 'array', items: typeSchema(m[1]) };
  m = /^\{ \[key: string\]: (.+); \}$/.exec(t);
  if (m) {
    const inner = QUANTITY_MAPS.has(prop) && m[1] === 'string' ? { oneOf: [{ type: 'string' }, { type: 'number' }] } : typeSchema(m[1]);
    return { type: 'object', additionalProperties: inner };
  }
  if (known.has(t)) return { $ref: `#/definitions/${t}` };
  return {};
}

/** The apiVersion of every kind kubernetes-models knows, keyed by kind and version. */
function kindsFromKubernetesModels() {
  const out = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === '_schemas') continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.js')) {
        const m = /this\.apiVersion="([^"]+)"\}static\{this\.kind="([^"]+)"\}/.exec(fs.readFileSync(p, 'utf8'));
        if (m && !m[2].endsWith('List')) out.push({ apiVersion: m[1], kind: m[2] });
      }
    }
  };
  walk(KM);
  return out;
}

const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);

/** Writes the schema to `file` and returns the number of kinds it covers. */
export function writeKubernetesSchema(file) {
  const definitions = {};
  const todo = [];
  const define = (name) => {
    if (definitions[name] || !known.has(name)) return;
    const model = readModel(name);
    const properties = {};
    for (const a of model.attrs) {
      const s = typeSchema(a.type, a.baseName);
      const desc = model.descriptions.get(a.name);
      properties[a.baseName] = desc ? { ...s, description: desc } : s;
      for (const ref of JSON.stringify(s).matchAll(/#\/definitions\/(\w+)/g)) todo.push(ref[1]);
    }
    const required = model.attrs.map((a) => a.baseName).filter((n) => model.required.has(n));
    definitions[name] = {
      type: 'object',
      ...(model.description ? { description: model.description } : {}),
      properties,
      ...(required.length ? { required } : {}),
      additionalProperties: false,
    };
  };
  const oneOf = [];
  const seen = new Set();
  for (const { apiVersion, kind } of kindsFromKubernetesModels()) {
    const parts = apiVersion.split('/');
    const version = parts[parts.length - 1];
    const group = parts.length > 1 ? parts[0] : 'core';
    const candidates = [`${cap(version)}${kind}`, `${cap(group.split('.')[0])}${cap(version)}${kind}`];
    const name = candidates.find((c) => known.has(c) && readModel(c).attrs.some((a) => a.baseName === 'kind'));
    if (!name || seen.has(`${apiVersion}/${kind}`)) continue;
    seen.add(`${apiVersion}/${kind}`);
    const id = `${name}.${apiVersion.replace(/[^A-Za-z0-9]/g, '_')}`;
    define(name);
    while (todo.length) define(todo.pop());
    const base = definitions[name];
    definitions[id] = {
      ...base,
      properties: {
        ...base.properties,
        apiVersion: { type: 'string', enum: [apiVersion] },
        kind: { type: 'string', enum: [kind] },
      },
      required: [...new Set(['apiVersion', 'kind', ...(base.required ?? [])])],
    };
    oneOf.push({ $ref: `#/definitions/${id}` });
  }
  const schema = { $schema: 'http://json-schema.org/draft-07/schema#', definitions, oneOf };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(schema));
  return { kinds: oneOf.length, bytes: fs.statSync(file).size, version: 'v1.34.0 (@kubernetes/client-node)' };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(writeKubernetesSchema(process.argv[2] ?? '/tmp/k8s-all.json'));
}
