import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver/node';
import { documentSymbols, type OutlineKind, type OutlineSymbol } from '../../core/navigation/symbols';
import type { LineIndex } from '../../core/text/lineIndex';
import { languageModels } from '../../runtime/languageModels';
import type { AnalysedDocument, Feature } from '../features';

export const symbolKinds: Record<OutlineKind, SymbolKind> = {
  listener: SymbolKind.Interface,
  filterChain: SymbolKind.Namespace,
  filter: SymbolKind.Function,
  routeConfig: SymbolKind.Module,
  rds: SymbolKind.Key,
  virtualHost: SymbolKind.Package,
  route: SymbolKind.Method,
  cluster: SymbolKind.Class,
  endpoints: SymbolKind.Array,
  secret: SymbolKind.Key,
  section: SymbolKind.Struct,
  resource: SymbolKind.Object,
  field: SymbolKind.Field,
};

/**
 * An outline is read, not scrolled through: past this many entries (a file of 20,000 clusters) it only costs time
 * to send and draw. The first ones, in document order, are kept.
 */
export const MAX_OUTLINE_SYMBOLS = 5000;

function toDocumentSymbols(symbols: OutlineSymbol[], lines: LineIndex, budget: { left: number }): DocumentSymbol[] {
  const converted: DocumentSymbol[] = [];
  for (const symbol of symbols) {
    if (budget.left <= 0) break;
    budget.left--;
    converted.push({
      name: symbol.name,
      detail: symbol.detail,
      kind: symbolKinds[symbol.kind],
      range: lines.rangeOf(symbol.offset, symbol.length),
      selectionRange: lines.rangeOf(symbol.selectionOffset, symbol.selectionLength),
      children: toDocumentSymbols(symbol.children, lines, budget),
    });
  }
  return converted;
}

export function documentSymbolAnswer({ analysis, lines }: AnalysedDocument): DocumentSymbol[] | null {
  if (!analysis.recognized) return null;
  return toDocumentSymbols(documentSymbols(analysis, languageModels.envoy), lines, { left: MAX_OUTLINE_SYMBOLS });
}

/** The outline: listeners → filter chains → route configurations → virtual hosts → routes; clusters; Istio resources. */
export const documentSymbolsFeature: Feature = {
  capabilities: { documentSymbolProvider: { label: 'Envoy' } },
  register(context) {
    context.connection.onDocumentSymbol((request): DocumentSymbol[] | null | Promise<DocumentSymbol[] | null> => {
      const document = context.documents.get(request.textDocument.uri);
      if (!document) return null;
      if (context.cache.isLarge(document)) return context.large.request(document, 'documentSymbol', request);
      return documentSymbolAnswer({ uri: document.uri, ...context.cache.get(document) });
    });
  },
};
