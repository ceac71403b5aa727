import type { Hover } from 'vscode-languageserver/node';
import { hoverAt } from '../../core/hover';
import { languageModels } from '../../runtime/languageModels';
import type { Feature } from '../features';
import { workspaceIndexer } from '../workspaceIndexer';

/** Hovers that explain fields, `@type` extensions, enum values, Istio names and referenced clusters. */
export const hoverFeature: Feature = {
  capabilities: { hoverProvider: true },
  register(context, params) {
    const indexer = workspaceIndexer(context, params);
    context.connection.onHover((request): Hover | null => {
      const document = context.documents.get(request.textDocument.uri);
      if (!document) return null;
      const { analysis, lines } = context.cache.get(document);
      if (!analysis.recognized) return null;
      const hover = hoverAt(analysis, lines.offsetAt(request.position), languageModels, { uri: document.uri, workspace: indexer.index });
      if (!hover) return null;
      return { contents: { kind: 'markdown', value: hover.markdown }, range: lines.rangeOf(hover.offset, hover.length) };
    });
  },
};
