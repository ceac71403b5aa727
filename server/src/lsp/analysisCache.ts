import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText, type Checker, type FileAnalysis } from '../core/analyze';
import type { RelatedFacts } from '../core/envoy/relatedClusters';
import type { AnalysisSettings } from '../core/settings';
import { LineIndex } from '../core/text/lineIndex';

/**
 * Documents from this many characters on are analysed in the analysis worker (`largeDocuments.ts`): parsing and
 * checking them takes long enough (about 0.3–0.9 s per MB) that requests on every other document would wait.
 */
export const LARGE_DOCUMENT_CHARS = 512 * 1024;

export interface CachedAnalysis {
  version: number;
  analysis: FileAnalysis;
  readonly lines: LineIndex;
  text: string;
  /** the generation of the related resources the analysis saw */
  relatedGeneration: number;
}

/** The resources of other files that checks across files see (the workspace index provides them). */
export interface RelatedSource {
  /** changes to the facts `forUri(uri)` returns, not counting the changes `uri` made itself */
  generation(uri: string): number;
  forUri(uri: string): RelatedFacts;
}

/** One analysis per open document version, shared by diagnostics, hover, definition and the rest. */
export class AnalysisCache {
  private readonly entries = new Map<string, CachedAnalysis>();
  private related: RelatedSource | undefined;

  constructor(
    private readonly checkers: () => Checker[],
    private readonly settings: () => AnalysisSettings,
    private readonly largeDocumentChars = LARGE_DOCUMENT_CHARS,
  ) {}

  /** From now on, analyses see the resources of other files, and are redone when those change. */
  useRelated(source: RelatedSource): void {
    this.related = source;
  }

  isLarge(document: TextDocument): boolean {
    return document.getText().length >= this.largeDocumentChars;
  }

  relatedGeneration(uri: string): number {
    return this.related?.generation(uri) ?? 0;
  }

  relatedFacts(uri: string): RelatedFacts | undefined {
    return this.related?.forUri(uri);
  }

  get(document: TextDocument): CachedAnalysis {
    const cached = this.entries.get(document.uri);
    const relatedGeneration = this.relatedGeneration(document.uri);
    if (cached && cached.version === document.version && cached.relatedGeneration === relatedGeneration) return cached;
    const text = document.getText();
    // A large document is analysed in the worker: here it gets an empty, unrecognised stand-in, so a feature that
    // does not route it to the worker answers nothing rather than blocking the server.
    const analysis = this.isLarge(document)
      ? notAnalysedHere()
      : analyzeText(
          { text, languageId: document.languageId, fileName: uriPath(document.uri), settings: this.settings(), related: this.relatedFacts(document.uri) },
          this.checkers(),
        );
    let lines: LineIndex | undefined;
    const entry: CachedAnalysis = {
      version: document.version,
      analysis,
      get lines() {
        return (lines ??= new LineIndex(text));
      },
      text,
      relatedGeneration,
    };
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

function notAnalysedHere(): FileAnalysis {
  return { parsed: { format: 'yaml', documents: [], problems: [] }, documents: [], recognized: false, findings: [] };
}

export function uriPath(uri: string): string {
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return uri;
  }
}
