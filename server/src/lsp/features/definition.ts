import type { Location, Position } from 'vscode-languageserver/node';
import type { FileAnalysis } from '../../core/analyze';
import { istioDefinitions, istioTargetAt } from '../../core/istio/navigation';
import { definitionAt, namedTargetAt } from '../../core/navigation/definition';
import { languageModels } from '../../runtime/languageModels';
import type { NavigationReply } from '../../worker/messages';
import { dumpDefinitions } from '../dumpNavigation';
import type { AnalysedDocument, Feature } from '../features';
import { workspaceIndexer } from '../workspaceIndexer';

/** Definitions inside the document (a large one, in the analysis worker), and the name to look up elsewhere. */
export function definitionInFile({ uri, analysis, lines }: AnalysedDocument, position: Position): NavigationReply {
  const offset = lines.offsetAt(position);
  const locations = definitionAt({ analysis, uri, offset, index: languageModels.envoy }).map((target) => ({ uri, range: lines.rangeOf(target.offset, target.length) }));
  return { locations, named: namedForReply(analysis, offset) };
}

/** The name at a position, as plain data the worker can send back for the server to look up elsewhere. */
export function namedForReply(analysis: FileAnalysis, offset: number): NavigationReply['named'] {
  const named = namedTargetAt(analysis, offset, languageModels.envoy);
  return named && { kind: named.kind, name: named.name, isDefinition: named.isDefinition };
}

/**
 * Go to definition: from a cluster, route configuration or per-filter-config name to what it names, in files and
 * loaded dumps; from a VirtualService's subset or gateway to the DestinationRule subset or Gateway.
 */
export const definitionFeature: Feature = {
  capabilities: { definitionProvider: true },
  register(context, params) {
    const indexer = workspaceIndexer(context, params);
    context.connection.onDefinition(async (request): Promise<Location[] | null> => {
      const document = context.documents.get(request.textDocument.uri);
      if (!document) return null;
      let locations: Location[];
      let named: NavigationReply['named'];
      if (context.cache.isLarge(document)) {
        const reply = await context.large.request(document, 'definition', request);
        if (!reply) return null;
        named = reply.named;
        locations = [...reply.locations, ...(named && !named.isDefinition ? indexer.definitionsElsewhere(document.uri, named.kind, named.name) : [])];
      } else {
        const { analysis, lines } = context.cache.get(document);
        if (!analysis.recognized) return null;
        const offset = lines.offsetAt(request.position);
        const targets = definitionAt({ analysis, uri: document.uri, offset, index: languageModels.envoy, workspace: indexer.index });
        // A VirtualService's subset or gateway leads to the DestinationRule or Gateway, in this file or the workspace.
        const istio = targets.length === 0 ? istioTargetAt(analysis, offset) : undefined;
        if (istio) targets.push(...istioDefinitions(istio, analysis, document.uri, indexer.index.istioResources(document.uri)));
        locations = indexer.locations(targets);
        named = namedTargetAt(analysis, offset, languageModels.envoy);
      }
      // A name that refers to something is also looked up in the loaded dumps, after the workspace's own files.
      if (named && !named.isDefinition) locations.push(...dumpDefinitions(context.dumps.proxies(), named.kind, named.name));
      return locations.length ? locations : null;
    });
  },
};
