import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import { LineIndex } from '../core/text/lineIndex';
import type { Finding, Severity } from '../core/types';

export const DIAGNOSTIC_SOURCE = 'envoy-lens';

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspDiagnostic(finding: Finding, lines: LineIndex): LspDiagnostic {
  return {
    range: lines.rangeOf(finding.offset, finding.length),
    severity: severities[finding.severity],
    code: finding.code,
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
}
