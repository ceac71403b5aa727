import { readFile } from 'node:fs/promises';
import { analyzeText } from '../core/analyze';
import type { ParsedFile } from '../core/document/nodes';
import { definedClusterNames, type RelatedCluster, type RelatedFacts } from '../core/envoy/relatedClusters';
import { istioFactsOf, type IstioResourceFact } from '../core/istio/crossResource/facts';
import type { EnvoyTypeIndex } from '../core/model/typeIndex';
import { loadEnvoyIndex } from '../runtime/models';

/** A file as read; `parsed` is kept from reading the set, so checking the file does not parse it again. */
export type ReadResult = { text: string; parsed?: ParsedFile } | { error: string };

/**
 * The FILEs of one `validate` run, read up front so that each is checked together with the others: a VirtualService
 * in one file sees the DestinationRules and Gateways of the rest, a route the clusters the others define.
 */
export class FileSet {
  private constructor(
    private readonly results: Map<string, ReadResult>,
    private readonly facts: Map<string, IstioResourceFact[]>,
    private readonly clusters: Map<string, RelatedCluster[]>,
  ) {}

  static async read(files: string[], index: () => EnvoyTypeIndex = loadEnvoyIndex): Promise<FileSet> {
    const results = new Map<string, ReadResult>();
    for (const file of files) {
      try {
        results.set(file, { text: await readFile(file, 'utf8') });
      } catch (error) {
        results.set(file, { error: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
      }
    }
    const facts = new Map<string, IstioResourceFact[]>();
    const clusters = new Map<string, RelatedCluster[]>();
    if (results.size > 1) {
      for (const [file, result] of results) {
        if (!('text' in result)) continue;
        const { documents, recognized, parsed } = analyzeText({ text: result.text, fileName: file });
        result.parsed = parsed;
        if (!recognized) continue;
        facts.set(file, istioFactsOf(documents, file));
        clusters.set(file, definedClusterNames(documents, index).map((name) => ({ name, source: file })));
      }
    }
    return new FileSet(results, facts, clusters);
  }

  get(file: string): ReadResult {
    return this.results.get(file) ?? { error: 'not read' };
  }

  /** The resources of every other file of the set; undefined for a set of one. */
  relatedTo(file: string): RelatedFacts | undefined {
    if (this.results.size < 2) return undefined;
    const istio = [...this.facts].filter(([other]) => other !== file).flatMap(([, facts]) => facts);
    const clusters = [...this.clusters].filter(([other]) => other !== file).flatMap(([, names]) => names);
    return { istio, clusters, origin: 'file-set' };
  }
}
