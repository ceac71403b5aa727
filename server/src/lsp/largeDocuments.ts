import { DiagnosticSeverity } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { IndexedFileFacts } from '../core/navigation/workspaceIndex';
import type { AnalyzeReply, DocumentAnswers, DocumentMethod } from '../worker/messages';
import type { AnalysisCache } from './analysisCache';
import type { AnalysisWorker } from './analysisWorker';
import { DIAGNOSTIC_SOURCE } from './convert';

/**
 * What the editor waits for (a hover, a completion) is answered with nothing once this long has passed, rather than
 * late: the first analysis of a 50 MB dump takes tens of seconds, and the user has moved on.
 */
export const INTERACTIVE_DEADLINE_MS = 800;
const INTERACTIVE = new Set<DocumentMethod>(['hover', 'completion', 'definition', 'references', 'codeAction']);

interface Sent {
  /** document version, related generation and worker generation the analysis was asked for */
  key: string;
  version: number;
  reply: Promise<AnalyzeReply | undefined>;
  workerGeneration: number;
  /** the worker stopped while analysing this version */
  failedVersion?: number;
  /** the analysis said the document does not read other files' facts */
  selfContained?: boolean;
}

/**
 * The server's side of large documents: each version is analysed once in the analysis worker, later versions
 * queue behind the running one and only the newest of them is analysed; requests on the document go to the worker,
 * which holds the trees (copying them back would cost as much as parsing).
 */
export class LargeDocuments {
  private readonly sent = new Map<string, Sent>();

  constructor(
    private readonly worker: AnalysisWorker,
    private readonly cache: AnalysisCache,
    private readonly current: (uri: string) => TextDocument | undefined,
    /** told when a request got no answer because the analysis it needed was still running */
    private readonly onLate: (method: DocumentMethod, uri: string) => void = () => undefined,
  ) {}

  get documentCount(): number {
    return this.sent.size;
  }

  /** The analysis of this version; undefined when a newer version superseded it before it started. */
  analysis(document: TextDocument): Promise<AnalyzeReply | undefined> {
    const { uri, version } = document;
    // the worker that will run the job: one started since has lost the analysis and needs the document again
    const workerGeneration = this.worker.running ? this.worker.generation : this.worker.generation + 1;
    const key = `${version}:${this.cache.relatedGeneration(uri)}:${workerGeneration}`;
    const previous = this.sent.get(uri);
    if (previous && (previous.key === key || previous.failedVersion === version)) return previous.reply;
    // A config dump's findings do not depend on other files: a change elsewhere is no reason to read 50 MB again.
    if (previous?.version === version && previous.selfContained && previous.workerGeneration === workerGeneration) return previous.reply;
    const entry: Sent = { key, version, workerGeneration, reply: Promise.resolve(undefined) };
    const before = previous?.reply.catch(() => undefined) ?? Promise.resolve(undefined);
    entry.reply = before.then(async (): Promise<AnalyzeReply | undefined> => {
      const latest = this.current(uri);
      if (!latest || latest.version !== version) return undefined;
      try {
        const reply = await this.worker.call<AnalyzeReply>({
          kind: 'analyze', uri, version, text: latest.getText(), languageId: latest.languageId, related: this.cache.relatedFacts(uri),
        });
        entry.selfContained = !reply.readsOtherFiles;
        return reply;
      } catch (error) {
        // not again for this version: a file that kills the worker would otherwise kill it on every request
        entry.failedVersion = version;
        return stoppedReply((error as Error).message);
      }
    });
    this.sent.set(uri, entry);
    return entry.reply;
  }

  /** A request on a large document, answered by the worker from its analysis of this very version. */
  async request<M extends DocumentMethod>(document: TextDocument, method: M, params: unknown): Promise<DocumentAnswers[M] | null> {
    const answer = this.analysis(document).then(async (analysed) => {
      if (!analysed?.recognized) return null;
      try {
        return await this.worker.call<DocumentAnswers[M] | null>({ kind: 'request', uri: document.uri, version: document.version, method, params });
      } catch {
        return null;
      }
    });
    if (!INTERACTIVE.has(method)) return answer;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => {
      this.onLate(method, document.uri);
      resolve(null);
    }, INTERACTIVE_DEADLINE_MS)));
    try {
      return await Promise.race([answer, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The index facts of a large file on disk, parsed in the worker. */
  async indexFacts(uri: string, text: string, fileName: string): Promise<IndexedFileFacts | undefined> {
    return this.worker.call<IndexedFileFacts | undefined>({ kind: 'indexFacts', uri, text, fileName });
  }

  /** Settings or the Envoy API changed: every large document is analysed again on next use. */
  invalidate(): void {
    this.sent.clear();
  }

  /** The document closed, or shrank below the threshold: the worker may drop its analysis. */
  forget(uri: string): void {
    if (!this.sent.delete(uri)) return;
    this.worker.tell({ kind: 'forget', uri });
  }
}

/** Said on the document itself, so the user knows why a large file shows no other diagnostics. */
function stoppedReply(reason: string): AnalyzeReply {
  return {
    recognized: false,
    readsOtherFiles: false,
    facts: undefined,
    diagnostics: [{
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Warning,
      code: 'analysis-stopped',
      source: DIAGNOSTIC_SOURCE,
      message: `Envoy Lens could not analyse this file (${reason}). It tries again on the next edit; a file this large may need more memory than the analysis worker has.`,
    }],
  };
}
