import { CodeActionKind, TextEdit, type CodeAction, type CodeActionParams, type Diagnostic as LspDiagnostic, type Range } from 'vscode-languageserver/node';
import type { Finding } from '../../core/types';
import type { LineIndex } from '../../core/text/lineIndex';
import type { AnalysedDocument, Feature } from '../features';

/** The quick fixes the core attached to findings, for the diagnostics in the requested range. */
export function codeActionAnswer({ uri, analysis, lines }: AnalysedDocument, params: CodeActionParams): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const finding of analysis.findings) {
    if (!finding.fixes?.length) continue;
    const range = lines.rangeOf(finding.offset, finding.length);
    const diagnostic = linkedDiagnostic(finding, range, params.context.diagnostics);
    // A client that sends no diagnostics (some do for a cursor request) still gets the fixes under the cursor.
    if (!diagnostic && (params.context.diagnostics.length > 0 || !overlaps(range, params.range))) continue;
    for (const fix of finding.fixes) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: diagnostic ? [diagnostic] : undefined,
        isPreferred: fix.preferred,
        edit: { changes: { [uri]: fix.edits.map((edit) => toTextEdit(edit, lines)) } },
      });
    }
  }
  return actions;
}

/** Quick fixes: the `fixes` the core attached to findings, offered for the diagnostics in the requested range. */
export const codeActionsFeature: Feature = {
  capabilities: { codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] } },
  register(context) {
    context.connection.onCodeAction(async (params) => {
      const document = context.documents.get(params.textDocument.uri);
      if (!document) return [];
      if (context.cache.isLarge(document)) return (await context.large.request(document, 'codeAction', params)) ?? [];
      return codeActionAnswer({ uri: document.uri, ...context.cache.get(document) }, params);
    });
  },
};

/** Findings and diagnostics share code and range; messages may be reworded by a client, so they are not compared. */
function linkedDiagnostic(finding: Finding, range: Range, diagnostics: LspDiagnostic[]): LspDiagnostic | undefined {
  return diagnostics.find((diagnostic) => diagnostic.code === finding.code && sameRange(diagnostic.range, range));
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

function overlaps(a: Range, b: Range): boolean {
  const before = (x: Range['start'], y: Range['start']) => x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function toTextEdit(edit: { offset: number; length: number; newText: string }, lines: LineIndex): TextEdit {
  return TextEdit.replace(lines.rangeOf(edit.offset, edit.length), edit.newText);
}
