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

/** What the client declared it uses of a diagnostic (from its `publishDiagnostics` capabilities). */
export interface DiagnosticShape {
  /** Whether the client shows `codeDescription` (the rule's docs link); the code is sent either way. */
  readonly codeDescription: boolean;
}

/** Every field, for clients that do not say what they use. */
export const FULL_DIAGNOSTICS: DiagnosticShape = { codeDescription: true };

/**
 * An engine finding as an LSP diagnostic with stable identity. `data` travels only with a finding
 * that has a fix (the fix's applicability, and what the rule's fix needs and cannot recompute from
 * the text); the rule id is the `code`, and a diagnostic without `data` has no fix.
 */
export function toDiagnostic(f: ResolvedFinding, shape: DiagnosticShape = FULL_DIAGNOSTICS): Diagnostic {
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    source: DIAGNOSTIC_SOURCE,
    message: f.message,
  };
  if (shape.codeDescription) d.codeDescription = { href: ruleDocsUrl(f.ruleId) };
  if (f.fixable) {
    const data: DiagnosticData = f.data === undefined ? { fix: f.fix ?? 'safe' } : { fix: f.fix ?? 'safe', data: f.data };
    d.data = data;
  }
  if (f.related?.length) d.relatedInformation = f.related.map((r) => ({ location: { uri: r.uri, range: r.range }, message: r.message }));
  return d;
}
