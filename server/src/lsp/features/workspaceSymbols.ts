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

const istioKinds: Record<string, SymbolKind> = {
  VirtualService: SymbolKind.Method,
  DestinationRule: SymbolKind.Struct,
  Gateway: SymbolKind.Interface,
  ServiceEntry: SymbolKind.Constant,
  Sidecar: SymbolKind.Object,
  EnvoyFilter: SymbolKind.Function,
};

/** A large dump has thousands of clusters; an empty query should not ship them all. */
const DUMP_SYMBOL_LIMIT = 500;

/** Workspace symbols: every named Envoy object and Istio resource the workspace index holds, then those of the loaded dumps. */
export const workspaceSymbolsFeature: Feature = {
  capabilities: { workspaceSymbolProvider: true },
  register(context, params) {
    const indexer = workspaceIndexer(context, params);
    context.connection.onWorkspaceSymbol((request): SymbolInformation[] => {
      const inFiles = indexer.index.search(request.query).flatMap((definition): SymbolInformation[] => {
        const location = indexer.location(definition.uri, definition.offset, definition.length);
        return location ? [{ name: definition.name, kind: kinds[definition.kind], location, containerName: kindWords[definition.kind] }] : [];
      });
      const istio = indexer.index.searchIstio(request.query).flatMap(({ fact, uri }): SymbolInformation[] => {
        const location = indexer.location(uri, fact.nameAt.offset, fact.nameAt.length);
        return location ? [{ name: fact.name, kind: istioKinds[fact.kind] ?? SymbolKind.Object, location, containerName: `${fact.kind} · ${fact.namespace}` }] : [];
      });
      return [...inFiles, ...istio, ...dumpSymbols(context.dumps.proxies(), request.query, DUMP_SYMBOL_LIMIT)];
    });
  },
};
