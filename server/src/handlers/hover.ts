import { MarkupKind, type Hover, type HoverParams, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { classify } from '../engine/classify';
import type { Project } from '../engine/project';
import { fileUriToPath, pathToFileUri } from '../engine/uri';
import { readCached } from '../helm/chart';
import { parseDockerfile } from '../parse/dockerfile';
import { composeServiceHover } from '../services/compose';
import { hoverAt, type RuleDoc, type ServiceDocument } from '../services/hover';

/** The document as the hover and completion services see it (classified like the linter does). */
export function serviceDocument(project: Project, doc: TextDocument): ServiceDocument {
  const text = doc.getText();
  const p = fileUriToPath(doc.uri);
  const { kind, chartRoot } = classify(p, doc.languageId, text, project.probe);
  if (kind === 'dockerfile') return { text, kind, dockerfile: parseDockerfile(text) };
  return { text, kind, ...(p ? { path: p } : {}), ...(chartRoot ? { chartRoot } : {}) };
}

/** Reads a file through the open documents first, then the disk. */
export function openOrDisk(documents: TextDocuments<TextDocument>): (file: string) => string | undefined {
  return (file) => documents.get(pathToFileUri(file))?.getText() ?? readCached(file);
}

/** What a hover needs loaded first: on a Compose file it lints the Dockerfiles its services build. */
export function hoverNeeds(project: Project, documents: TextDocuments<TextDocument>, params: HoverParams): Promise<void> | undefined {
  const doc = documents.get(params.textDocument.uri);
  const file = doc && fileUriToPath(doc.uri);
  if (!doc || !file || classify(file, doc.languageId, doc.getText(), project.probe).kind !== 'compose') return undefined;
  return project.ready.prepare('dockerfile');
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
  const file = fileUriToPath(doc.uri);
  if (file && classify(file, doc.languageId, doc.getText(), project.probe).kind === 'compose') {
    const read = openOrDisk(documents);
    const res = composeServiceHover(file, doc.getText(), params.position, (dockerfile) => {
      const text = read(dockerfile);
      if (text === undefined) return undefined;
      return project
        .lint({ uri: pathToFileUri(dockerfile), text })
        .findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message, line: f.range.start.line }));
    });
    return res ? { contents: { kind: MarkupKind.Markdown, value: res.markdown }, range: res.range } : null;
  }
  const res = hoverAt(serviceDocument(project, doc), params.position, {
    rules,
    workspace: project.index,
    readText: openOrDisk(documents),
  });
  return res ? { contents: { kind: MarkupKind.Markdown, value: res.markdown }, range: res.range } : null;
}
