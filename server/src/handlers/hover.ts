import { MarkupKind, type Hover, type HoverParams, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { classify } from '../engine/classify';
import type { Project } from '../engine/project';
import { fileUriToPath } from '../engine/uri';
import { parseDockerfile } from '../parse/dockerfile';
import { hoverAt, type RuleDoc, type ServiceDocument } from '../services/hover';

/** The document as the hover and completion services see it (classified like the linter does). */
export function serviceDocument(project: Project, doc: TextDocument): ServiceDocument {
  const text = doc.getText();
  const { kind } = classify(fileUriToPath(doc.uri), doc.languageId, text, project.probe);
  return kind === 'dockerfile' ? { text, kind, dockerfile: parseDockerfile(text) } : { text, kind };
}

/** `textDocument/hover`. */
export function hover(
  project: Project,
  documents: TextDocuments<TextDocument>,
  rules: readonly RuleDoc[],
  params: HoverParams,
): Hover | null {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return null;
  const res = hoverAt(serviceDocument(project, doc), params.position, { rules, workspace: project.index });
  return res ? { contents: { kind: MarkupKind.Markdown, value: res.markdown }, range: res.range } : null;
}
