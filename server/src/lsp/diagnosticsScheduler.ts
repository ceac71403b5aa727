import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../core/types';
import type { AnalysisCache, CachedAnalysis } from './analysisCache';
import { toLspDiagnostic } from './convert';
import type { LargeDocuments } from './largeDocuments';

/** Findings beyond the document's own analysis, e.g. EnvoyFilter matches checked against loaded dumps. */
export type FindingSource = (document: TextDocument, entry: CachedAnalysis) => Finding[];

/** Debounces validation per document so a burst of keystrokes costs one analysis, and drops stale results. */
export class DiagnosticsScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** documents published at least once: a newly opened one is answered without waiting */
  private readonly published = new Set<string>();
  private readonly sources: FindingSource[] = [];

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly cache: AnalysisCache,
    private readonly large: LargeDocuments,
    private readonly delayMs = 150,
  ) {}

  addSource(source: FindingSource): void {
    this.sources.push(source);
  }

  schedule(uri: string, immediate = !this.published.has(uri)): void {
    clearTimeout(this.timers.get(uri));
    const run = () => {
      this.timers.delete(uri);
      this.publish(uri);
    };
    if (immediate) run();
    else this.timers.set(uri, setTimeout(run, this.delayMs));
  }

  scheduleAll(): void {
    for (const document of this.documents.all()) this.schedule(document.uri);
  }

  clear(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.published.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private publish(uri: string): void {
    const document = this.documents.get(uri);
    if (!document) return;
    if (this.cache.isLarge(document)) {
      this.publishLarge(document);
      return;
    }
    this.large.forget(uri);
    try {
      this.published.add(uri);
      const entry = this.cache.get(document);
      const findings = [...entry.analysis.findings, ...this.sources.flatMap((source) => source(document, entry))];
      const diagnostics = findings.map((finding) => toLspDiagnostic(finding, entry.lines));
      void this.connection.sendDiagnostics({ uri, version: document.version, diagnostics });
    } catch (error) {
      this.connection.console.error(`Validation of ${uri} failed: ${(error as Error).stack ?? error}`);
    }
  }

  /** Analysed in the worker; sent only if the document has not changed meanwhile (a newer analysis will follow). */
  private publishLarge(document: TextDocument): void {
    this.published.add(document.uri);
    void this.large.analysis(document).then(
      (reply) => {
        if (!reply || this.documents.get(document.uri)?.version !== document.version) return;
        void this.connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: reply.diagnostics });
      },
      (error: unknown) => this.connection.console.error(`Validation of ${document.uri} failed: ${(error as Error).stack ?? error}`),
    );
  }
}
