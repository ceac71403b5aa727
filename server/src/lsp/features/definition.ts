import type { Location } from 'vscode-languageserver/node';
import { definitionAt } from '../../core/navigation/definition';
import { languageModels } from '../../runtime/languageModels';
import type { Feature } from '../features';
import { workspaceIndexer } from '../workspaceIndexer';

/** Go to definition: from a cluster, route configuration or per-filter-config name to what it names. */
export const definitionFeature: Feature = {
  capabilities: { definitionProvider: true },
  register(context, params) {
    const indexer = workspaceIndexer(context, params);
    context.connection.onDefinition((request): Location[] | null => {
      const document = context.documents.get(request.textDocument.uri);
      if (!document) return null;
      const { analysis, lines } = context.cache.get(document);
      if (!analysis.recognized) return null;
      const targets = definitionAt({ analysis, uri: document.uri, offset: lines.offsetAt(request.position), index: languageModels.envoy, workspace: indexer.index });
      const locations = targets.flatMap((target) => indexer.location(target.uri, target.offset, target.length) ?? []);
      return locations.length ? locations : null;
    });
  },
};
