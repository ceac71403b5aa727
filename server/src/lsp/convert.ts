import { DiagnosticSeverity, DiagnosticTag, type Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import { LineIndex } from '../core/text/lineIndex';
import type { Finding, Severity } from '../core/types';

export const DIAGNOSTIC_SOURCE = 'envoy-lens';

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const tags = { deprecated: DiagnosticTag.Deprecated, unnecessary: DiagnosticTag.Unnecessary };

export function toLspDiagnostic(finding: Finding, lines: LineIndex): LspDiagnostic {
  const diagnostic: LspDiagnostic = {
    range: lines.rangeOf(finding.offset, finding.length),
    severity: severities[finding.severity],
    code: finding.code,
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
  // Editors draw deprecated fields struck through and ineffective ones faded.
  if (finding.tags?.length) diagnostic.tags = finding.tags.map((tag) => tags[tag]);
  return diagnostic;
}
