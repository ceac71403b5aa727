import { SymbolKind, type SymbolInformation } from 'vscode-languageserver/node';
import type { ObjectKind } from '../../core/envoy/graph';
import { dumpSymbols } from '../dumpNavigation';
import type { Feature } from '../features';
import { workspaceIndexer } from '../workspaceIndexer';

const kinds: Record<ObjectKind, SymbolKind> = {
  cluster: SymbolKind.Class,
  listener: SymbolKind.Interface,
  routeConfig: SymbolKind.Module,
  secret: SymbolKind.Key,
  endpoints: SymbolKind.Array,
};

const kindWords: Record<ObjectKind, string> = {
  cluster: 'cluster',
  listener: 'listener',
  routeConfig: 'route configuration',
  secret: 'secret',
  endpoints: 'endpoints',
};

/** A large dump has thousands of clusters; an empty query should not ship them all. */
const DUMP_SYMBOL_LIMIT = 500;

/** Workspace symbols: every named Envoy object the workspace index holds, then those of the loaded dumps. */
export const workspaceSymbolsFeature: Feature = {
  capabilities: { workspaceSymbolProvider: true },
  register(context, params) {
    const indexer = workspaceIndexer(context, params);
    context.connection.onWorkspaceSymbol((request): SymbolInformation[] => {
      const inFiles = indexer.index.search(request.query).flatMap((definition): SymbolInformation[] => {
        const location = indexer.location(definition.uri, definition.offset, definition.length);
        return location ? [{ name: definition.name, kind: kinds[definition.kind], location, containerName: kindWords[definition.kind] }] : [];
      });
      return [...inFiles, ...dumpSymbols(context.dumps.proxies(), request.query, DUMP_SYMBOL_LIMIT)];
    });
  },
};
