import type { Location, Position } from 'vscode-languageserver/node';
import { istioReferences, istioTargetAt } from '../../core/istio/navigation';
import { referencesAt } from '../../core/navigation/definition';
import { languageModels } from '../../runtime/languageModels';
import type { NavigationReply } from '../../worker/messages';
import { namedForReply } from './definition';
import type { AnalysedDocument, Feature } from '../features';
import { workspaceIndexer } from '../workspaceIndexer';

/** References inside the document (a large one, in the analysis worker), and the name to look up elsewhere. */
export function referencesInFile({ uri, analysis, lines }: AnalysedDocument, position: Position, includeDeclaration: boolean): NavigationReply {
  const offset = lines.offsetAt(position);
  const locations = referencesAt({ analysis, uri, offset, index: languageModels.envoy }, includeDeclaration).map((target) => ({ uri, range: lines.rangeOf(target.offset, target.length) }));
  return { locations, named: namedForReply(analysis, offset) };
}

/** Find all references of a cluster, route configuration, listener, secret, DestinationRule subset or Gateway, in the file and the workspace. */
export const referencesFeature: Feature = {
  capabilities: { referencesProvider: true },
  register(context, params) {
    const indexer = workspaceIndexer(context, params);
    context.connection.onReferences(async (request): Promise<Location[] | null> => {
      const document = context.documents.get(request.textDocument.uri);
      if (!document) return null;
      const includeDeclaration = request.context.includeDeclaration;
      if (context.cache.isLarge(document)) {
        const reply = await context.large.request(document, 'references', request);
        if (!reply?.named) return reply?.locations ?? null;
        return [...reply.locations, ...indexer.referencesElsewhere(document.uri, reply.named.kind, reply.named.name, includeDeclaration)];
      }
      const { analysis, lines } = context.cache.get(document);
      if (!analysis.recognized) return null;
      const offset = lines.offsetAt(request.position);
      const targets = referencesAt({ analysis, uri: document.uri, offset, index: languageModels.envoy, workspace: indexer.index }, includeDeclaration);
      const istio = targets.length === 0 ? istioTargetAt(analysis, offset) : undefined;
      if (istio) targets.push(...istioReferences(istio, analysis, document.uri, indexer.index.istioResources(document.uri), includeDeclaration));
      return indexer.locations(targets);
    });
  },
};
