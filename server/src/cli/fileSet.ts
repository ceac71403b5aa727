import { readFile } from 'node:fs/promises';
import { analyzeText } from '../core/analyze';
import { istioFactsOf, type IstioResourceFact, type RelatedResources } from '../core/istio/crossResource/facts';

export type ReadResult = { text: string } | { error: string };

/**
 * The FILEs of one `validate` run, read up front so that each is checked together with the others: a VirtualService
 * in one file sees the DestinationRules and Gateways of the rest.
 */
export class FileSet {
  private constructor(
    private readonly results: Map<string, ReadResult>,
    private readonly facts: Map<string, IstioResourceFact[]>,
  ) {}

  static async read(files: string[]): Promise<FileSet> {
    const results = new Map<string, ReadResult>();
    for (const file of files) {
      try {
        results.set(file, { text: await readFile(file, 'utf8') });
      } catch (error) {
        results.set(file, { error: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
      }
    }
    const facts = new Map<string, IstioResourceFact[]>();
    if (results.size > 1) {
      for (const [file, result] of results) {
        if (!('text' in result)) continue;
        const { documents, recognized } = analyzeText({ text: result.text, fileName: file });
        if (recognized) facts.set(file, istioFactsOf(documents, file));
      }
    }
    return new FileSet(results, facts);
  }

  get(file: string): ReadResult {
    return this.results.get(file) ?? { error: 'not read' };
  }

  /** The resources of every other file of the set; undefined for a set of one. */
  relatedTo(file: string): RelatedResources | undefined {
    if (this.results.size < 2) return undefined;
    const istio = [...this.facts].filter(([other]) => other !== file).flatMap(([, facts]) => facts);
    return { istio, origin: 'file-set' };
  }
}
