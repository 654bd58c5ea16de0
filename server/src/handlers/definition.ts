import type { DefinitionParams, Location, ReferenceParams, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { classify } from '../engine/classify';
import type { Project } from '../engine/project';
import { fileUriToPath, pathToFileUri } from '../engine/uri';
import { definitionAt, referencesAt, type FileLocation, type NavigationDocument } from '../services/definition';
import { composeDefinition } from '../services/compose';
import { openOrDisk } from './hover';

function navigationDocument(project: Project, documents: TextDocuments<TextDocument>, uri: string): NavigationDocument | undefined {
  const doc = documents.get(uri);
  const p = fileUriToPath(uri);
  if (!doc || !p) return undefined;
  const text = doc.getText();
  const { kind, chartRoot } = classify(p, doc.languageId, text, project.probe);
  return { path: p, text, kind, chartRoot };
}

function toLocations(found: readonly FileLocation[]): Location[] {
  const seen = new Set<string>();
  const out: Location[] = [];
  for (const f of found) {
    const key = `${f.file}:${f.range.start.line}:${f.range.start.character}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ uri: pathToFileUri(f.file), range: f.range });
  }
  return out;
}

/**
 * `textDocument/definition`: from `.Values.x.y` in a Helm template to the key in the values files,
 * and from a Compose service's `build` to the Dockerfile it builds.
 */
export function definition(project: Project, documents: TextDocuments<TextDocument>, params: DefinitionParams): Location[] | null {
  const doc = navigationDocument(project, documents, params.textDocument.uri);
  if (!doc) return null;
  const found =
    doc.kind === 'compose'
      ? composeDefinition(doc.path, doc.text, params.position, (f) => project.probe.exists(f))
      : definitionAt(doc, params.position, openOrDisk(documents));
  return found.length ? toLocations(found) : null;
}

/** `textDocument/references`: from a values key (or a template read) to every template read of it. */
export function references(project: Project, documents: TextDocuments<TextDocument>, params: ReferenceParams): Location[] | null {
  const doc = navigationDocument(project, documents, params.textDocument.uri);
  if (!doc) return null;
  const found = referencesAt(doc, params.position, params.context.includeDeclaration, openOrDisk(documents));
  return found.length ? toLocations(found) : null;
}
