import type { LineIndex } from './text';
import type { Finding, Fix } from './types';

/** Facts a "did you mean" rename fix needs: the key as found and the known key close to it. */
export interface RenameData {
  key: string;
  suggestion: string;
}

/** The finding data for a rename fix, or undefined when there is no suggestion. */
export function renameData(key: string, suggestion: string | undefined): RenameData | undefined {
  return suggestion ? { key, suggestion } : undefined;
}

function isRenameData(d: unknown): d is RenameData {
  const o = d as Partial<RenameData> | null;
  return typeof o?.key === 'string' && typeof o.suggestion === 'string';
}

/**
 * The fix renaming the key a finding covers to its suggestion, keeping the quotes the key was written
 * with; undefined when the finding has no suggestion or the text no longer holds the key.
 */
export function renameKeyFix(doc: { text: string; lines: LineIndex }, finding: Finding): Fix | undefined {
  if (!isRenameData(finding.data)) return undefined;
  const { key, suggestion } = finding.data;
  const start = doc.lines.offsetAt(finding.range.start);
  const end = doc.lines.offsetAt(finding.range.end);
  const written = doc.text.slice(start, end);
  // The key may be quoted; keep the quotes.
  const inner = written.replace(/^(["'])(.*)\1$/, '$2');
  if (inner !== key) return undefined;
  const newText = written === inner ? suggestion : `${written[0]}${suggestion}${written[0]}`;
  return { title: `Rename "${key}" to "${suggestion}"`, edits: [{ range: finding.range, newText }] };
}
