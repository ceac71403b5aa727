import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver/node';
import { documentSymbols, type OutlineKind, type OutlineSymbol } from '../../core/navigation/symbols';
import type { LineIndex } from '../../core/text/lineIndex';
import { languageModels } from '../../runtime/languageModels';
import type { Feature } from '../features';

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

function toDocumentSymbol(symbol: OutlineSymbol, lines: LineIndex): DocumentSymbol {
  return {
    name: symbol.name,
    detail: symbol.detail,
    kind: symbolKinds[symbol.kind],
    range: lines.rangeOf(symbol.offset, symbol.length),
    selectionRange: lines.rangeOf(symbol.selectionOffset, symbol.selectionLength),
    children: symbol.children.map((child) => toDocumentSymbol(child, lines)),
  };
}

/** The outline: listeners → filter chains → route configurations → virtual hosts → routes; clusters; Istio resources. */
export const documentSymbolsFeature: Feature = {
  capabilities: { documentSymbolProvider: { label: 'Envoy' } },
  register(context) {
    context.connection.onDocumentSymbol((request): DocumentSymbol[] | null => {
      const document = context.documents.get(request.textDocument.uri);
      if (!document) return null;
      const { analysis, lines } = context.cache.get(document);
      if (!analysis.recognized) return null;
      return documentSymbols(analysis, languageModels.envoy).map((symbol) => toDocumentSymbol(symbol, lines));
    });
  },
};
