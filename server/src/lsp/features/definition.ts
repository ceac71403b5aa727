import type { Location } from 'vscode-languageserver/node';
import { definitionAt, namedTargetAt } from '../../core/navigation/definition';
import { languageModels } from '../../runtime/languageModels';
import { dumpDefinitions } from '../dumpNavigation';
import type { Feature } from '../features';
import { workspaceIndexer } from '../workspaceIndexer';

/** Go to definition: from a cluster, route configuration or per-filter-config name to what it names, in files and loaded dumps. */
export const definitionFeature: Feature = {
  capabilities: { definitionProvider: true },
  register(context, params) {
    const indexer = workspaceIndexer(context, params);
    context.connection.onDefinition((request): Location[] | null => {
      const document = context.documents.get(request.textDocument.uri);
      if (!document) return null;
      const { analysis, lines } = context.cache.get(document);
      if (!analysis.recognized) return null;
      const offset = lines.offsetAt(request.position);
      const targets = definitionAt({ analysis, uri: document.uri, offset, index: languageModels.envoy, workspace: indexer.index });
      const locations = targets.flatMap((target) => indexer.location(target.uri, target.offset, target.length) ?? []);
      // A name that refers to something is also looked up in the loaded dumps, after the workspace's own files.
      const named = namedTargetAt(analysis, offset, languageModels.envoy);
      if (named && !named.isDefinition) locations.push(...dumpDefinitions(context.dumps.proxies(), named.kind, named.name));
      return locations.length ? locations : null;
    });
  },
};
