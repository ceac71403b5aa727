import type { AnalyzedDocument } from '../analyze';
import type { RelatedResources } from '../istio/crossResource/facts';
import type { EnvoyTypeIndex } from '../model/typeIndex';
import { graphOfDocuments, type Definition } from './graph';
import { typedRoots } from './typedRoots';

/** A cluster another file defines, by name and the file (a URI or a path) that defines it. */
export interface RelatedCluster {
  name: string;
  source: string;
}

/** What the edge knows of the files checked with this one: their Istio resources and their Envoy clusters. */
export interface RelatedFacts extends RelatedResources {
  clusters?: readonly RelatedCluster[];
}

/**
 * The names of the clusters a file defines, sorted and without repeats, as other files may rely on them. A config
 * dump is left out: it records what one running Envoy had, it does not configure anything the other files reach.
 */
export function definedClusterNames(documents: readonly AnalyzedDocument[], index: () => EnvoyTypeIndex): string[] {
  if (isConfigDump(documents)) return [];
  if (!documents.some((d) => typedRoots(d.kind, d.document.root).length > 0)) return [];
  return clusterNamesOf(documents, graphOfDocuments(documents, index()).definitions);
}

/** The same, from the definitions of a graph the caller already has. */
export function clusterNamesOf(documents: readonly AnalyzedDocument[], definitions: readonly Definition[]): string[] {
  if (isConfigDump(documents)) return [];
  return [...new Set(definitions.filter((d) => d.kind === 'cluster').map((d) => d.name))].sort();
}

function isConfigDump(documents: readonly AnalyzedDocument[]): boolean {
  return documents.some((d) => d.kind?.kind === 'config-dump');
}

/** How a file is named in a message: the last segment of a URI, a path as the user gave it. */
export function displaySource(source: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) return source;
  const segment = source.slice(source.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
