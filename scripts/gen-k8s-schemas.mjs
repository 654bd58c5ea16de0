// Derives Shipshape's offline Kubernetes schemas from the type declarations of the `kubernetes-models`
// packages (built-in kinds plus the Flux, Argo CD, cert-manager, KEDA, External Secrets, Gateway API and Prometheus
// Operator CRDs), so no schema is written by hand.
// The declarations carry every field, whether it is optional, its type, its enum values and its description.
//
//   node scripts/gen-k8s-schemas.mjs [--root <folder holding node_modules>] [--out <folder>]
//
// Writes server/src/k8s/schema/generated/{schemas,descriptions}.ts (a compact JSON string each).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import ts from 'typescript';

/** The Kubernetes release the `kubernetes-models` version below describes (its changelog: "Update to Kubernetes v1.36.0"). */
const KUBERNETES_VERSION = '1.36';
const here = path.dirname(new URL(import.meta.url).pathname);
const rootArg = process.argv.indexOf('--root');
const root = rootArg > 0 ? path.resolve(process.argv[rootArg + 1]) : path.resolve(here, '..');
const modules = path.join(root, 'node_modules');
const outArg = process.argv.indexOf('--out');
const outDir = outArg > 0 ? path.resolve(process.argv[outArg + 1]) : path.resolve(here, '../server/src/k8s/schema/generated');

/** Packages and the API groups taken from each (all groups of the built-in package). */
const PACKAGES = [
  { name: 'kubernetes-models', groups: undefined },
  { name: '@kubernetes-models/flux-cd', groups: ['helm.toolkit.fluxcd.io', 'kustomize.toolkit.fluxcd.io', 'source.toolkit.fluxcd.io'] },
  { name: '@kubernetes-models/argo-cd', groups: ['argoproj.io'] },
  { name: '@kubernetes-models/cert-manager', groups: ['cert-manager.io', 'acme.cert-manager.io'] },
  { name: '@kubernetes-models/keda', groups: ['keda.sh'] },
  { name: '@kubernetes-models/external-secrets', groups: ['external-secrets.io'] },
  { name: '@kubernetes-models/gateway-api', groups: ['gateway.networking.k8s.io'] },
  { name: '@kubernetes-models/prometheus-operator', groups: ['monitoring.coreos.com'] },
];
/** Type aliases with a meaning beyond their TypeScript type. */
const SPECIAL_ALIASES = {
  IQuantity: 'q',
  IIntOrString: 'is',
  ITime: 't',
  IMicroTime: 't',
};

const require = createRequire(path.join(modules, 'x.js'));
const versions = {};
const kindFiles = [];
for (const pkg of PACKAGES) {
  const pkgDir = path.join(modules, pkg.name);
  versions[pkg.name] = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;
  for (const group of fs.readdirSync(pkgDir)) {
    const gdir = path.join(pkgDir, group);
    if (!fs.statSync(gdir).isDirectory() || group.startsWith('_') || group === 'github.com' || group === 'node_modules') continue;
    if (pkg.groups && !pkg.groups.includes(group)) continue;
    const versionDirs = /^v\d/.test(group) ? [gdir] : fs.readdirSync(gdir).map((v) => path.join(gdir, v));
    for (const vdir of versionDirs) {
      if (!fs.statSync(vdir).isDirectory()) continue;
      for (const f of fs.readdirSync(vdir)) {
        if (f.endsWith('.d.ts') && f !== 'index.d.ts' && !f.endsWith('List.d.ts')) kindFiles.push(path.join(vdir, f));
      }
    }
  }
}
void require;

const program = ts.createProgram(kindFiles, {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  noEmit: true,
  skipLibCheck: true,
});
const checker = program.getTypeChecker();

/** Object types, in order of discovery: `{ n: name, p: { prop: ref }, r?: required[], o?: 1 (open) }`. */
const types = [];
/** Descriptions: `[typeDescription, { prop: description }]` per object type. */
const descriptions = [];
const byDecl = new Map();

function docOf(node) {
  const jsDoc = node.jsDoc;
  if (!jsDoc || jsDoc.length === 0) return undefined;
  const c = jsDoc[jsDoc.length - 1].comment;
  const text = typeof c === 'string' ? c : Array.isArray(c) ? c.map((p) => p.text ?? '').join('') : undefined;
  return text?.trim() || undefined;
}

function resolveDecl(typeName) {
  let sym = checker.getSymbolAtLocation(typeName);
  if (!sym) return undefined;
  if (sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
  return sym.declarations?.[0];
}

function enumOf(nodes) {
  const values = [];
  for (const t of nodes) {
    if (ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal)) values.push(t.literal.text);
    else return undefined;
  }
  return values;
}

function conv(node) {
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return 's';
    case ts.SyntaxKind.NumberKeyword:
      return 'n';
    case ts.SyntaxKind.BooleanKeyword:
      return 'b';
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.UnknownKeyword:
    case ts.SyntaxKind.ObjectKeyword:
      return 'a';
    case ts.SyntaxKind.ParenthesizedType:
      return conv(node.type);
    case ts.SyntaxKind.LiteralType:
      return ts.isStringLiteral(node.literal) ? { e: [node.literal.text] } : 'a';
    case ts.SyntaxKind.ArrayType:
      return { a: conv(node.elementType) };
    case ts.SyntaxKind.UnionType: {
      const parts = node.types.filter((t) => t.kind !== ts.SyntaxKind.NullKeyword && t.kind !== ts.SyntaxKind.UndefinedKeyword);
      if (parts.length === 1) return conv(parts[0]);
      const e = enumOf(parts);
      if (e) return { e };
      const kinds = new Set(parts.map((p) => conv(p)));
      if (kinds.size === 2 && kinds.has('s') && kinds.has('n')) return 'is';
      return 'a';
    }
    case ts.SyntaxKind.TypeLiteral:
      return objectFrom(node, node.members, undefined, undefined);
    case ts.SyntaxKind.TypeReference: {
      const name = node.typeName.getText();
      if (name === 'Array' && node.typeArguments?.length === 1) return { a: conv(node.typeArguments[0]) };
      const decl = resolveDecl(node.typeName);
      if (!decl) return 'a';
      if (ts.isTypeAliasDeclaration(decl)) {
        const special = SPECIAL_ALIASES[decl.name.text];
        if (special) return special;
        return conv(decl.type);
      }
      if (ts.isInterfaceDeclaration(decl)) return objectFrom(decl, decl.members, decl, decl.name.text);
      return 'a';
    }
    default:
      return 'a';
  }
}

/** Converts members of an interface or type literal; interfaces are shared by index, empty ones are free-form. */
function objectFrom(node, members, decl, name) {
  const props = members.filter((m) => ts.isPropertySignature(m));
  const index = members.find((m) => ts.isIndexSignatureDeclaration(m));
  const heritageProps = [];
  // Inherited members at any depth (Gateway API's HTTPBackendRef extends BackendRef extends BackendObjectReference).
  const inherit = (d, seen) => {
    for (const h of d?.heritageClauses ?? []) {
      for (const t of h.types) {
        const base = ts.isIdentifier(t.expression) ? resolveDecl(t.expression) : undefined;
        if (!base || !ts.isInterfaceDeclaration(base) || seen.has(base)) continue;
        seen.add(base);
        inherit(base, seen);
        heritageProps.push(...base.members.filter((m) => ts.isPropertySignature(m)));
      }
    }
  };
  inherit(decl, new Set());
  if (props.length === 0 && heritageProps.length === 0) return index ? { m: conv(index.type) } : 'a';
  if (decl && byDecl.has(decl)) return byDecl.get(decl);
  const id = types.length;
  const entry = { n: (name ?? 'object').replace(/^I(?=[A-Z])/, '') };
  types.push(entry);
  descriptions.push(undefined);
  if (decl) byDecl.set(decl, id);
  const p = {};
  const r = [];
  const docs = {};
  for (const m of [...heritageProps, ...props]) {
    const key = m.name.text ?? m.name.getText();
    p[key] = m.type ? conv(m.type) : 'a';
    if (!m.questionToken && !r.includes(key)) r.push(key);
    const d = docOf(m);
    if (d) docs[key] = d;
  }
  entry.p = p;
  if (r.length) entry.r = r;
  if (index) entry.o = 1;
  const own = decl ? docOf(decl) : undefined;
  if (own || Object.keys(docs).length) descriptions[id] = [own ?? '', docs];
  return id;
}

const kinds = {};
for (const file of kindFiles) {
  const sf = program.getSourceFile(file);
  if (!sf) continue;
  for (const st of sf.statements) {
    if (!ts.isInterfaceDeclaration(st)) continue;
    const lit = (key) => {
      const m = st.members.find((x) => ts.isPropertySignature(x) && x.name.text === key);
      return m?.type && ts.isLiteralTypeNode(m.type) && ts.isStringLiteral(m.type.literal) ? m.type.literal.text : undefined;
    };
    const apiVersion = lit('apiVersion');
    const kind = lit('kind');
    if (!apiVersion || !kind) continue;
    const id = objectFrom(st, st.members, st, st.name.text);
    const t = types[id];
    // apiVersion/kind are checked by identity, not as one-value enums.
    t.p.apiVersion = 's';
    t.p.kind = 's';
    kinds[`${apiVersion}/${kind}`] = id;
  }
}

const bundle = { kubernetes: KUBERNETES_VERSION, packages: versions, kinds, types };
fs.mkdirSync(outDir, { recursive: true });
const header = (what) =>
  `// Generated by scripts/gen-k8s-schemas.mjs from ${Object.entries(versions)
    .map(([n, v]) => `${n}@${v}`)
    .join(', ')}; do not edit.\n// prettier-ignore\n/** ${what} */\n`;
fs.writeFileSync(
  path.join(outDir, 'schemas.ts'),
  `${header('The schema bundle as JSON.')}export const SCHEMAS_JSON: string = ${JSON.stringify(JSON.stringify(bundle))};\n`,
);
// Small enough to import: rule docs name the version without loading the bundle.
fs.writeFileSync(
  path.join(outDir, 'version.ts'),
  `${header('The Kubernetes minor version the bundled built-in schemas describe.')}export const KUBERNETES_VERSION = ${JSON.stringify(KUBERNETES_VERSION)};\n`,
);
fs.writeFileSync(
  path.join(outDir, 'descriptions.ts'),
  `${header('Type and field descriptions as JSON, parallel to the schema types.')}export const DESCRIPTIONS_JSON: string = ${JSON.stringify(JSON.stringify(descriptions))};\n`,
);
console.log(`${Object.keys(kinds).length} kinds, ${types.length} object types (Kubernetes ${KUBERNETES_VERSION})`);
