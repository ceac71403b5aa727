import type { Location } from 'vscode-languageserver/node';
import { referencesAt } from '../../core/navigation/definition';
import { languageModels } from '../../runtime/languageModels';
import type { Feature } from '../features';
import { workspaceIndexer } from '../workspaceIndexer';

/** Find all references of a cluster, route configuration, listener or secret, in the file and the workspace. */
export const referencesFeature: Feature = {
  capabilities: { referencesProvider: true },
  register(context, params) {
    const indexer = workspaceIndexer(context, params);
    context.connection.onReferences((request): Location[] | null => {
      const document = context.documents.get(request.textDocument.uri);
      if (!document) return null;
      const { analysis, lines } = context.cache.get(document);
      if (!analysis.recognized) return null;
      const targets = referencesAt(
        { analysis, uri: document.uri, offset: lines.offsetAt(request.position), index: languageModels.envoy, workspace: indexer.index },
        request.context.includeDeclaration,
      );
      return targets.flatMap((target) => indexer.location(target.uri, target.offset, target.length) ?? []);
    });
  },
};
