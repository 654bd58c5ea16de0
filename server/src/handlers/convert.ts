import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { ResolvedFinding, Severity } from '../engine/types';
import { ruleDocsUrl } from '../docs/links';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from '../protocol';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** An engine finding as an LSP diagnostic with stable identity and its fix data. */
export function toDiagnostic(f: ResolvedFinding): Diagnostic {
  const base: DiagnosticData =
    f.data === undefined ? { ruleId: f.ruleId, fixable: f.fixable } : { ruleId: f.ruleId, data: f.data, fixable: f.fixable };
  const data: DiagnosticData = f.fix === undefined ? base : { ...base, fix: f.fix };
  const diagnostic: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    codeDescription: { href: ruleDocsUrl(f.ruleId) },
    source: DIAGNOSTIC_SOURCE,
    message: f.message,
    data,
  };
  if (f.related?.length)
    diagnostic.relatedInformation = f.related.map((r) => ({ location: { uri: r.uri, range: r.range }, message: r.message }));
  return diagnostic;
}
