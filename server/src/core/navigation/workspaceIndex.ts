import { analyzeText, type FileAnalysis } from '../analyze';
import type { ObjectKind, ReferenceContext } from '../envoy/graph';
import { clusterNamesOf, type RelatedCluster } from '../envoy/relatedClusters';
import { istioFactsOf, type IstioResourceFact, type Span } from '../istio/crossResource/facts';
import type { EnvoyTypeIndex } from '../model/typeIndex';
import { LineIndex } from '../text/lineIndex';
import { countEndpoints, summarizeCluster, type ClusterSummary } from './clusterSummary';
import { fileFacts } from './fileFacts';
import { isSubsequence } from './fuzzy';

export interface IndexedDefinition {
  kind: ObjectKind;
  name: string;
  uri: string;
  /** the span of the name's value, where go-to-definition lands */
  offset: number;
  length: number;
  /** the span of the whole object, for outlines */
  objectOffset: number;
  objectLength: number;
  cluster?: ClusterSummary;
  endpointCount?: number;
}

export interface IndexedReference {
  kind: ObjectKind;
  name: string;
  uri: string;
  offset: number;
  length: number;
  context: ReferenceContext;
}

/** What the index keeps of one file: plain data, so it can also be made in another thread (large documents). */
export interface IndexedFileFacts {
  definitions: IndexedDefinition[];
  references: IndexedReference[];
  /** the Istio resources (and workloads) of the file, for checks across files */
  istio: IstioResourceFact[];
  /** `istio` without positions: a change that only moves text does not make other files need checking again */
  istioKey: string;
  /** the names of the clusters the file defines (sorted), for reference checks in other files */
  clusters: string[];
}

interface FileEntry extends IndexedFileFacts {
  /** the text the entry was made from, so an unchanged file is not analysed again */
  textLength: number;
  textHash: number;
  /** offsets ↔ positions of the indexed text, made on first use (an open document places results with its own) */
  lines: () => LineIndex;
}

function keyOf(kind: ObjectKind, name: string): string {
  return `${kind}\u0000${name}`;
}

/** A fast, non-cryptographic fingerprint: a changed file almost always changes it, and a miss only costs a re-index. */
export function hashText(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return hash >>> 0;
}

/**
 * The named Envoy objects (clusters, listeners, route configurations, secrets, endpoints) of many files, and the
 * places that name them, for definition, references and workspace symbols across files. Files come in as text or
 * as an analysis the caller already has (an open document); only what navigation needs is kept, not the trees.
 * It also keeps the few facts that the checks across files read: each file's Istio resources and cluster names.
 */
export class WorkspaceIndex {
  private readonly files = new Map<string, FileEntry>();
  private readonly definitionsByKey = new Map<string, Set<string>>();
  private readonly referencesByKey = new Map<string, Set<string>>();
  private relatedChanges = 0;
  private readonly ownChanges = new Map<string, number>();
  /** called after the Istio resources or cluster names of some file changed, so open documents can be checked again */
  onRelatedChange: (() => void) | undefined;

  constructor(private readonly typeIndex: () => EnvoyTypeIndex) {}

  get fileCount(): number {
    return this.files.size;
  }

  /** Indexes a file from its text; returns false (and forgets the file) when it is not Envoy configuration. */
  setText(uri: string, text: string, fileName?: string): boolean {
    if (this.holdsText(uri, text)) return true;
    const analysis = analyzeText({ text, fileName: fileName ?? uri });
    return this.store(uri, analysis, text, hashText(text));
  }

  /** The file is indexed from exactly this text already. */
  holdsText(uri: string, text: string): boolean {
    const existing = this.files.get(uri);
    return existing !== undefined && existing.textLength === text.length && existing.textHash === hashText(text);
  }

  /** Indexes a file from an analysis the caller made anyway (an open document), avoiding a second parse. */
  setAnalysis(uri: string, analysis: FileAnalysis, text: string): boolean {
    return this.store(uri, analysis, text, hashText(text));
  }

  remove(uri: string): void {
    if (this.removeQuietly(uri)) this.relatedChanged(uri);
  }

  /** Forgets a file; says whether it held facts other files are checked against. */
  private removeQuietly(uri: string): boolean {
    const entry = this.files.get(uri);
    if (!entry) return false;
    for (const definition of entry.definitions) this.definitionsByKey.get(keyOf(definition.kind, definition.name))?.delete(uri);
    for (const reference of entry.references) this.referencesByKey.get(keyOf(reference.kind, reference.name))?.delete(uri);
    this.files.delete(uri);
    return entry.istio.length > 0 || entry.clusters.length > 0;
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  definitions(kind: ObjectKind, name: string): IndexedDefinition[] {
    const uris = this.definitionsByKey.get(keyOf(kind, name));
    if (!uris) return [];
    return [...uris].flatMap((uri) => this.files.get(uri)!.definitions.filter((d) => d.kind === kind && d.name === name));
  }

  references(kind: ObjectKind, name: string): IndexedReference[] {
    const uris = this.referencesByKey.get(keyOf(kind, name));
    if (!uris) return [];
    return [...uris].flatMap((uri) => this.files.get(uri)!.references.filter((r) => r.kind === kind && r.name === name));
  }

  /** Names of one kind across the workspace, for completion. */
  names(kind: ObjectKind): string[] {
    const names = new Set<string>();
    for (const entry of this.files.values()) for (const definition of entry.definitions) if (definition.kind === kind) names.add(definition.name);
    return [...names];
  }

  /** Definitions whose name contains every character of `query` in order (the fuzzy match editors expect). */
  search(query: string, limit = 500): IndexedDefinition[] {
    const needle = query.toLowerCase();
    const found: IndexedDefinition[] = [];
    for (const entry of this.files.values()) {
      for (const definition of entry.definitions) {
        if (isSubsequence(needle, definition.name.toLowerCase())) found.push(definition);
        if (found.length >= limit) return found;
      }
    }
    return found;
  }

  /** Istio resources whose name (or `namespace/name`) contains every character of `query` in order. */
  searchIstio(query: string, limit = 500): { fact: IstioResourceFact & { nameAt: Span }; uri: string }[] {
    const needle = query.toLowerCase();
    const found: { fact: IstioResourceFact & { nameAt: Span }; uri: string }[] = [];
    for (const [uri, entry] of this.files) {
      for (const fact of entry.istio) {
        if (fact.kind === 'Workload' || !fact.nameAt) continue;
        if (!isSubsequence(needle, `${fact.namespace}/${fact.name}`.toLowerCase())) continue;
        found.push({ fact: fact as IstioResourceFact & { nameAt: Span }, uri });
        if (found.length >= limit) return found;
      }
    }
    return found;
  }

  lines(uri: string): LineIndex | undefined {
    return this.files.get(uri)?.lines();
  }

  /** Counts changes to the facts checks across files read, so a cached analysis can tell it is out of date. */
  get relatedGeneration(): number {
    return this.relatedChanges;
  }

  /**
   * The same count without the changes a file made itself: a file's analysis reads only the others' facts, so
   * indexing an open document must not make its own analysis stale.
   */
  relatedGenerationFor(uri: string): number {
    return this.relatedChanges - (this.ownChanges.get(uri) ?? 0);
  }

  /** The Istio resources of every indexed file but one (the file being checked brings its own). */
  istioResources(exceptUri: string): IstioResourceFact[] {
    const found: IstioResourceFact[] = [];
    for (const [uri, entry] of this.files) if (uri !== exceptUri) found.push(...entry.istio);
    return found;
  }

  /** The clusters of every indexed file but one, with the file that defines each. */
  clusterNames(exceptUri: string): RelatedCluster[] {
    const found: RelatedCluster[] = [];
    for (const [uri, entry] of this.files) if (uri !== exceptUri) for (const name of entry.clusters) found.push({ name, source: uri });
    return found;
  }

  private relatedChanged(uri: string): void {
    this.relatedChanges++;
    this.ownChanges.set(uri, (this.ownChanges.get(uri) ?? 0) + 1);
    this.onRelatedChange?.();
  }

  private store(uri: string, analysis: FileAnalysis, text: string, textHash: number): boolean {
    return this.putFacts(uri, indexedFactsOf(uri, analysis, this.typeIndex()), text, textHash);
  }

  /** Indexes facts made elsewhere (`indexedFactsOf` in a worker); undefined facts: the file is not Envoy configuration. */
  putFacts(uri: string, facts: IndexedFileFacts | undefined, text: string, textHash = hashText(text)): boolean {
    const previous = this.files.get(uri);
    const previousIstioKey = previous?.istioKey ?? '';
    const previousClusters = previous?.clusters.join('\n') ?? '';
    this.removeQuietly(uri);
    if (!facts) {
      if (previousIstioKey || previousClusters) this.relatedChanged(uri);
      return false;
    }
    let lines: LineIndex | undefined;
    this.files.set(uri, { ...facts, textLength: text.length, textHash, lines: () => (lines ??= new LineIndex(text)) });
    for (const definition of facts.definitions) addTo(this.definitionsByKey, keyOf(definition.kind, definition.name), uri);
    for (const reference of facts.references) addTo(this.referencesByKey, keyOf(reference.kind, reference.name), uri);
    if (facts.istioKey !== previousIstioKey || facts.clusters.join('\n') !== previousClusters) this.relatedChanged(uri);
    return true;
  }
}

/** What the index keeps of an analysed file; undefined when the file is not Envoy or Istio configuration. */
export function indexedFactsOf(uri: string, analysis: FileAnalysis, typeIndex: EnvoyTypeIndex): IndexedFileFacts | undefined {
  if (!analysis.recognized) return undefined;
  const istio = istioFactsOf(analysis.documents, uri);
  const istioKey = istio.length > 0 ? JSON.stringify(istio, (key, value: unknown) => (key === 'at' || key === 'selectorAt' || key === 'nameAt' ? undefined : value)) : '';
  const facts = fileFacts(analysis, typeIndex);
  const endpoints = new Map(facts.graph.definitions.filter((d) => d.kind === 'endpoints').map((d) => [d.name, d.node]));
  const definitions = facts.graph.definitions.map((definition): IndexedDefinition => ({
    kind: definition.kind,
    name: definition.name,
    uri,
    offset: definition.nameNode.offset,
    length: definition.nameNode.length,
    objectOffset: definition.node.offset,
    objectLength: definition.node.length,
    cluster: definition.kind === 'cluster' ? summarizeCluster(definition.node, (name) => endpoints.get(name)) : undefined,
    endpointCount: definition.kind === 'endpoints' ? countEndpoints(definition.node) : undefined,
  }));
  const references = facts.graph.references.map((reference): IndexedReference => ({
    kind: reference.kind,
    name: reference.name,
    uri,
    offset: reference.node.offset,
    length: reference.node.length,
    context: reference.context,
  }));
  return { definitions, references, istio, istioKey, clusters: clusterNamesOf(analysis.documents, facts.graph.definitions) };
}

function addTo(map: Map<string, Set<string>>, key: string, uri: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(uri);
}
