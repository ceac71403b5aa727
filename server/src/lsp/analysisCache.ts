import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText, type Checker, type FileAnalysis } from '../core/analyze';
import type { RelatedFacts } from '../core/envoy/relatedClusters';
import type { AnalysisSettings } from '../core/settings';
import { LineIndex } from '../core/text/lineIndex';

export interface CachedAnalysis {
  version: number;
  analysis: FileAnalysis;
  lines: LineIndex;
  text: string;
  /** the generation of the related resources the analysis saw */
  relatedGeneration: number;
}

/** The resources of other files that checks across files see (the workspace index provides them). */
export interface RelatedSource {
  generation(): number;
  forUri(uri: string): RelatedFacts;
}

/** One analysis per open document version, shared by diagnostics, hover, definition and the rest. */
export class AnalysisCache {
  private readonly entries = new Map<string, CachedAnalysis>();
  private related: RelatedSource | undefined;

  constructor(
    private readonly checkers: () => Checker[],
    private readonly settings: () => AnalysisSettings,
  ) {}

  /** From now on, analyses see the resources of other files, and are redone when those change. */
  useRelated(source: RelatedSource): void {
    this.related = source;
  }

  get(document: TextDocument): CachedAnalysis {
    const cached = this.entries.get(document.uri);
    const relatedGeneration = this.related?.generation() ?? 0;
    if (cached && cached.version === document.version && cached.relatedGeneration === relatedGeneration) return cached;
    const text = document.getText();
    const analysis = analyzeText(
      { text, languageId: document.languageId, fileName: uriPath(document.uri), settings: this.settings(), related: this.related?.forUri(document.uri) },
      this.checkers(),
    );
    const entry = { version: document.version, analysis, lines: new LineIndex(text), text, relatedGeneration };
    this.entries.set(document.uri, entry);
    return entry;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}

export function uriPath(uri: string): string {
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return uri;
  }
}
