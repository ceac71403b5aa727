import type { AnalyzedDocument, FileAnalysis } from '../analyze';
import { findNodeAtOffset, type NodeAtOffset, type PathSegment, type ScalarNode } from '../document/nodes';
import { graphOfDocuments, type Definition, type EnvoyGraph, type ObjectKind, type Reference } from '../envoy/graph';
import { typedRoots, type TypedRoot } from '../envoy/typedRoots';
import type { EnvoyTypeIndex } from '../model/typeIndex';

/** What the editor features need to know about one analysed file, computed once per analysis. */
export interface FileFacts {
  graph: EnvoyGraph;
  rootsByDocument: Map<AnalyzedDocument, TypedRoot[]>;
  referenceByNode: Map<ScalarNode, Reference>;
  definitionByNameNode: Map<ScalarNode, Definition>;
}

const factsCache = new WeakMap<FileAnalysis, FileFacts>();

export function fileFacts(analysis: FileAnalysis, index: EnvoyTypeIndex): FileFacts {
  let facts = factsCache.get(analysis);
  if (facts) return facts;
  const rootsByDocument = new Map<AnalyzedDocument, TypedRoot[]>();
  for (const document of analysis.documents) rootsByDocument.set(document, typedRoots(document.kind, document.document.root));
  const graph = analysis.recognized
    ? graphOfDocuments(analysis.documents, index)
    : { definitions: [], references: [], connectionManagers: [], filterChains: [] };
  facts = {
    graph,
    rootsByDocument,
    referenceByNode: new Map(graph.references.map((reference) => [reference.node, reference])),
    definitionByNameNode: new Map(graph.definitions.map((definition) => [definition.nameNode, definition])),
  };
  factsCache.set(analysis, facts);
  return facts;
}

/** Where an offset falls: its document, the node hit, and the Envoy-typed root above it if there is one. */
export interface Location {
  document: AnalyzedDocument;
  hit: NodeAtOffset;
  typedRoot?: TypedRoot;
  /** the path from `typedRoot.node` down to the hit */
  pathInRoot: PathSegment[];
}

/** The document holding an offset; trailing blanks after a document's last node still belong to it. */
export function documentAt(analysis: FileAnalysis, offset: number): AnalyzedDocument | undefined {
  const containing = analysis.documents.find((d) => offset >= d.document.offset && offset <= d.document.offset + d.document.length);
  if (containing) return containing;
  let preceding: AnalyzedDocument | undefined;
  for (const document of analysis.documents) if (document.document.offset <= offset) preceding = document;
  return preceding;
}

export function locate(analysis: FileAnalysis, offset: number, index: EnvoyTypeIndex): Location | undefined {
  const document = documentAt(analysis, offset);
  const hit = document && findNodeAtOffset(document.document.root, offset);
  if (!document || !hit) return undefined;
  const roots = fileFacts(analysis, index).rootsByDocument.get(document) ?? [];
  for (const root of roots) {
    const depth = hit.ancestors.indexOf(root.node);
    if (depth >= 0) return { document, hit, typedRoot: root, pathInRoot: hit.path.slice(depth) };
  }
  return { document, hit, pathInRoot: hit.path };
}

export function definitionsNamed(facts: FileFacts, kind: ObjectKind, name: string): Definition[] {
  return facts.graph.definitions.filter((definition) => definition.kind === kind && definition.name === name);
}
