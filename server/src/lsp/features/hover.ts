import type { Hover } from 'vscode-languageserver/node';
import { hoverAt } from '../../core/hover';
import { languageModels } from '../../runtime/languageModels';
import { dumpMatchHover } from '../../core/envoyfilter/dumpReport';
import type { Feature } from '../features';
import { envoyFilterDumps } from '../envoyFilterDumps';
import { workspaceIndexer } from '../workspaceIndexer';

/** Hovers that explain fields, `@type` extensions, enum values, Istio names, referenced clusters and EnvoyFilter matches. */
export const hoverFeature: Feature = {
  capabilities: { hoverProvider: true },
  register(context, params) {
    const indexer = workspaceIndexer(context, params);
    const dumpReports = envoyFilterDumps(context, params);
    context.connection.onHover((request): Hover | null => {
      const document = context.documents.get(request.textDocument.uri);
      if (!document) return null;
      const { analysis, lines } = context.cache.get(document);
      if (!analysis.recognized) return null;
      const offset = lines.offsetAt(request.position);
      const hover = hoverAt(analysis, offset, languageModels, { uri: document.uri, workspace: indexer.index });
      const inDumps = dumpMatchHover(dumpReports.reports(document), offset);
      const parts = [hover, inDumps].filter((part) => part !== undefined);
      if (parts.length === 0) return null;
      return { contents: { kind: 'markdown', value: parts.map((part) => part.markdown).join('\n\n---\n\n') }, range: lines.rangeOf(parts[0].offset, parts[0].length) };
    });
  },
};
