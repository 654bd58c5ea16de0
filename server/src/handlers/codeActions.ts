import { CodeActionKind, type CodeAction, type CodeActionParams, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Project } from '../engine/project';
import { DIAGNOSTIC_SOURCE, FIX_ALL_KIND, type DiagnosticData } from '../protocol';

/** Appended to the title of a quick fix that changes behaviour. */
export const UNSAFE_SUFFIX = ' (unsafe: changes behaviour, review it)';

/**
 * Quick fixes for the diagnostics in the request (safe and unsafe ones, marked), plus "fix all"
 * (safe fixes only) when asked for.
 */
export function codeActions(project: Project, documents: TextDocuments<TextDocument>, params: CodeActionParams): CodeAction[] {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return [];
  const input = { uri: doc.uri, text: doc.getText(), languageId: doc.languageId };
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const out: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    for (const diag of params.context.diagnostics) {
      if (diag.source !== DIAGNOSTIC_SOURCE) continue;
      // Only a finding with a fix carries data.
      const data = diag.data as DiagnosticData | undefined;
      const ruleId = typeof diag.code === 'string' ? diag.code : undefined;
      if (!ruleId || !data) continue;
      const fix = project.fix(ruleId, input, {
        message: typeof diag.message === 'string' ? diag.message : diag.message.value,
        range: diag.range,
        data: data?.data,
      });
      if (!fix || fix.edits.length === 0) continue;
      // Both kinds are offered; an unsafe one says so and is never the preferred (auto-applied) fix.
      const safe = fix.applicability === 'safe';
      out.push({
        title: safe ? fix.title : `${fix.title}${UNSAFE_SUFFIX}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diag],
        isPreferred: safe,
        edit: { changes: { [doc.uri]: fix.edits } },
      });
    }
  }
  if (wants(FIX_ALL_KIND) && (only?.some((k) => FIX_ALL_KIND.startsWith(k) && k !== CodeActionKind.Empty) ?? false)) {
    const { text, applied } = project.fixAll(input);
    if (applied > 0 && text !== input.text) {
      out.push({
        title: 'Fix all Shipshape findings (safe fixes)',
        kind: FIX_ALL_KIND,
        edit: {
          changes: { [doc.uri]: [{ range: { start: { line: 0, character: 0 }, end: doc.positionAt(input.text.length) }, newText: text }] },
        },
      });
    }
  }
  return out;
}
