import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type CompletionParams,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Project } from '../engine/project';
import { completionsAt, type CompletionKind } from '../services/completion';
import type { RuleDoc } from '../services/hover';
import { serviceDocument } from './hover';

/** Characters that open a completion without a word typed yet. */
export const COMPLETION_TRIGGERS = [' ', ',', '='];

const KINDS: Record<CompletionKind, CompletionItemKind> = {
  rule: CompletionItemKind.Reference,
  directive: CompletionItemKind.Keyword,
  field: CompletionItemKind.Field,
  value: CompletionItemKind.EnumMember,
};

/** `textDocument/completion`. */
export function completion(
  project: Project,
  documents: TextDocuments<TextDocument>,
  rules: readonly RuleDoc[],
  params: CompletionParams,
): CompletionList | null {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return null;
  const entries = completionsAt(serviceDocument(project, doc), params.position, { rules, workspace: project.index });
  if (!entries || entries.length === 0) return null;
  const items: CompletionItem[] = entries.map((e) => ({
    label: e.label,
    kind: KINDS[e.kind],
    detail: e.detail,
    documentation: e.documentation ? { kind: MarkupKind.Markdown, value: e.documentation } : undefined,
    textEdit: { range: e.range, newText: e.insertText },
    insertTextFormat: e.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    sortText: e.sortText,
    filterText: e.label,
  }));
  return { isIncomplete: false, items };
}
