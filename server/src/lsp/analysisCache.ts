import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText, type Checker, type FileAnalysis } from '../core/analyze';
import type { AnalysisSettings } from '../core/settings';
import { LineIndex } from '../core/text/lineIndex';

export interface CachedAnalysis {
  version: number;
  analysis: FileAnalysis;
  lines: LineIndex;
  text: string;
}

/** One analysis per open document version, shared by diagnostics, hover, definition and the rest. */
export class AnalysisCache {
  private readonly entries = new Map<string, CachedAnalysis>();

  constructor(
    private readonly checkers: () => Checker[],
    private readonly settings: () => AnalysisSettings,
  ) {}

  get(document: TextDocument): CachedAnalysis {
    const cached = this.entries.get(document.uri);
    if (cached && cached.version === document.version) return cached;
    const text = document.getText();
    const analysis = analyzeText(
      { text, languageId: document.languageId, fileName: uriPath(document.uri), settings: this.settings() },
      this.checkers(),
    );
    const entry = { version: document.version, analysis, lines: new LineIndex(text), text };
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
