import { parentPort } from 'node:worker_threads';
import { analyzeText } from '../core/analyze';
import { documentSymbols } from '../core/navigation/symbols';
import { indexedFactsOf } from '../core/navigation/workspaceIndex';
import { defaultSettings, type AnalysisSettings } from '../core/settings';
import { LineIndex } from '../core/text/lineIndex';
import { uriPath } from '../lsp/analysisCache';
import { toLspDiagnostic } from '../lsp/convert';
import type { AnalysedDocument } from '../lsp/features';
import { codeActionAnswer } from '../lsp/features/codeActions';
import { completionAnswer } from '../lsp/features/completion';
import { definitionInFile } from '../lsp/features/definition';
import { documentSymbolAnswer } from '../lsp/features/documentSymbols';
import { hoverAnswer } from '../lsp/features/hover';
import { referencesInFile } from '../lsp/features/references';
import { loadEnvoyApi } from '../runtime/envoyApiLoader';
import { checkersForCurrentApi } from '../runtime/checkers';
import { loadEnvoyIndex, useEnvoyApi } from '../runtime/models';
import type { AnalyzeReply, FromWorker, ToWorker, WorkerJob } from './messages';

interface HeldDocument extends AnalysedDocument {
  version: number;
}

type Params = { position: { line: number; character: number }; context?: { includeDeclaration?: boolean } };

/**
 * The analysis worker: parses and checks the large documents the server thread hands it, keeps their trees, and
 * answers requests on them with the same feature code the server thread runs (without the workspace index and the
 * loaded dumps, which live on the server thread; definition and references name what to look up there).
 */
export function runAnalysisWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('the analysis worker runs in a worker thread');
  const log = (level: 'error' | 'info', message: string) => port.postMessage({ log: { level, message } } satisfies FromWorker);
  const documents = new Map<string, HeldDocument>();
  let settings: AnalysisSettings = defaultSettings;
  let envoyApiPath = '';
  let snippets = false;
  const checkers = checkersForCurrentApi((message) => log('error', message));

  const run = (job: WorkerJob): unknown => {
    switch (job.kind) {
      case 'configure': {
        settings = job.settings;
        snippets = job.snippets;
        documents.clear();
        if (job.envoyApiPath === envoyApiPath) return undefined;
        envoyApiPath = job.envoyApiPath;
        useEnvoyApi(undefined);
        if (job.envoyApiPath) {
          const loaded = loadEnvoyApi(job.envoyApiPath, job.cacheDir);
          if (loaded.ok) useEnvoyApi({ index: loaded.index, docs: loaded.docs });
          else log('error', `the analysis worker validates with the bundled Envoy API: ${loaded.message}`);
        }
        return undefined;
      }
      case 'analyze': {
        const analysis = analyzeText({ text: job.text, languageId: job.languageId, fileName: uriPath(job.uri), settings, related: job.related }, checkers());
        const lines = new LineIndex(job.text);
        documents.set(job.uri, { uri: job.uri, version: job.version, analysis, lines, text: job.text });
        const reply: AnalyzeReply = {
          recognized: analysis.recognized,
          readsOtherFiles: analysis.documents.some((d) => d.kind !== undefined && d.kind.kind !== 'config-dump'),
          diagnostics: analysis.findings.map((finding) => toLspDiagnostic(finding, lines)),
          facts: indexedFactsOf(job.uri, analysis, loadEnvoyIndex()),
        };
        // The editor asks for the outline of a file it has just opened; have it ready once the diagnostics are out.
        setImmediate(() => documentSymbols(analysis, loadEnvoyIndex()));
        return reply;
      }
      case 'indexFacts':
        return indexedFactsOf(job.uri, analyzeText({ text: job.text, fileName: job.fileName }), loadEnvoyIndex());
      case 'forget':
        documents.delete(job.uri);
        return undefined;
      case 'request': {
        const document = documents.get(job.uri);
        if (!document || document.version !== job.version) return null;
        const params = job.params as Params;
        switch (job.method) {
          case 'hover': return hoverAnswer(document, params.position);
          case 'definition': return definitionInFile(document, params.position);
          case 'references': return referencesInFile(document, params.position, params.context?.includeDeclaration === true);
          case 'documentSymbol': return documentSymbolAnswer(document);
          case 'completion': return completionAnswer(document, params.position, { istioVersion: settings.istioVersion, snippets });
          case 'codeAction': return codeActionAnswer(document, job.params as Parameters<typeof codeActionAnswer>[1]);
        }
      }
    }
  };

  port.on('message', ({ id, job }: ToWorker) => {
    let reply: FromWorker;
    try {
      reply = { id, ok: true, value: run(job) };
    } catch (error) {
      reply = { id, ok: false, message: (error as Error).message };
      log('error', `Envoy Lens analysis worker: ${job.kind} of ${'uri' in job ? job.uri : '—'} failed: ${(error as Error).stack ?? error}`);
    }
    if (id !== 0) port.postMessage(reply);
  });
}
