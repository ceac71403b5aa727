import type { Hover, Position } from 'vscode-languageserver/node';
import { hoverAt } from '../../core/hover';
import type { WorkspaceIndex } from '../../core/navigation/workspaceIndex';
import { languageModels } from '../../runtime/languageModels';
import { dumpMatchHover } from '../../core/envoyfilter/dumpReport';
import type { AnalysedDocument, Feature } from '../features';
import { envoyFilterDumps } from '../envoyFilterDumps';
import { workspaceIndexer } from '../workspaceIndexer';

type HoverPart = { offset: number; length: number; markdown: string };

/** The hover for a position, with parts from beyond the file (EnvoyFilter matches in loaded dumps) appended. */
export function hoverAnswer(document: AnalysedDocument, position: Position, workspace?: WorkspaceIndex, partsFromElsewhere: (offset: number) => (HoverPart | undefined)[] = () => []): Hover | null {
  const { analysis, lines } = document;
  if (!analysis.recognized) return null;
  const offset = lines.offsetAt(position);
  const hover = hoverAt(analysis, offset, languageModels, { uri: document.uri, workspace });
  const parts = [hover, ...partsFromElsewhere(offset)].filter((part) => part !== undefined);
  if (parts.length === 0) return null;
  return { contents: { kind: 'markdown', value: parts.map((part) => part.markdown).join('\n\n---\n\n') }, range: lines.rangeOf(parts[0].offset, parts[0].length) };
}

/** Hovers that explain fields, `@type` extensions, enum values, Istio names, referenced clusters and EnvoyFilter matches. */
export const hoverFeature: Feature = {
  capabilities: { hoverProvider: true },
  register(context, params) {
    const indexer = workspaceIndexer(context, params);
    const dumpReports = envoyFilterDumps(context, params);
    context.connection.onHover((request): Hover | null | Promise<Hover | null> => {
      const document = context.documents.get(request.textDocument.uri);
      if (!document) return null;
      if (context.cache.isLarge(document)) return context.large.request(document, 'hover', request);
      const entry = context.cache.get(document);
      return hoverAnswer({ uri: document.uri, ...entry }, request.position, indexer.index, (offset) => [dumpMatchHover(dumpReports.reports(document), offset)]);
    });
  },
};
