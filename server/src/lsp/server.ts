import {
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultSettings, type AnalysisSettings } from '../core/settings';
import { AnalysisCache } from './analysisCache';
import { AnalysisWorker } from './analysisWorker';
import { INTERACTIVE_DEADLINE_MS, LargeDocuments } from './largeDocuments';
import { DiagnosticsScheduler } from './diagnosticsScheduler';
import { DumpStore } from './dumpStore';
import { fetchSettings } from './settings';
import { VersionState } from './versionState';
import { Notifications, type InitializationOptions } from '../protocol';
import { checkersForCurrentApi } from '../runtime/checkers';
import { registerFeatures, serverCapabilities, type ServerContext } from './features';
import { takesSnippets } from './features/completion';
import { PRODUCT_VERSION } from '../version';

/** The language server, on the process's main thread; `workerScript` is the bundle, started again as the analysis worker. */
export function startServer(workerScript: string): void {
  // With no transport argument the library picks one from argv: `--stdio`, `--node-ipc` or `--socket=N`.
  const connection = createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);

  let settings: AnalysisSettings = defaultSettings;
  let clientSupportsConfiguration = false;
  // Until the client says otherwise, assume the workspace is untrusted: nothing gets spawned.
  let trusted = false;

  const context: ServerContext = {
    connection,
    documents,
    cache: undefined as unknown as AnalysisCache,
    diagnostics: undefined as unknown as DiagnosticsScheduler,
    dumps: new DumpStore(),
    settings: () => settings,
    large: undefined as unknown as LargeDocuments,
    checkers: checkersForCurrentApi((message) => connection.console.error(message)),
    trusted: () => trusted,
  };
  context.cache = new AnalysisCache(() => context.checkers?.() ?? [], () => settings);
  const worker = new AnalysisWorker(workerScript, (level, message) => connection.console[level](message), () => context.large.documentCount > 0);
  context.large = new LargeDocuments(worker, context.cache, (uri) => documents.get(uri), (method, uri) =>
    connection.console.info(`${method} on ${uri} answered with nothing after ${INTERACTIVE_DEADLINE_MS} ms: its analysis is still running`));
  const diagnostics = new DiagnosticsScheduler(connection, documents, context.cache, context.large);
  context.diagnostics = diagnostics;
  const versions = new VersionState(connection);

  let snippets = false;
  /** The worker answers with the same settings, Envoy API and client abilities as this thread. */
  function configureWorker(): void {
    worker.configure({ kind: 'configure', settings, ...versions.envoyApiSetup(), snippets });
  }

  /** New settings, Envoy API or Istio version: every open document is checked again, here and in the worker. */
  function analyseAgain(): void {
    context.cache.clear();
    context.large.invalidate();
    configureWorker();
    diagnostics.scheduleAll();
  }

  versions.listen(context, () => {
    settings = versions.analysisSettings();
    analyseAgain();
  });

  process.on('uncaughtException', (error) => {
    connection.console.error(`Unexpected error (the server keeps running): ${error.stack ?? error}`);
  });
  process.on('unhandledRejection', (reason) => {
    connection.console.error(`Unhandled rejection (the server keeps running): ${String(reason)}`);
  });

  connection.onInitialize((params): InitializeResult => {
    clientSupportsConfiguration = params.capabilities.workspace?.configuration === true;
    trusted = (params.initializationOptions as { trusted?: boolean } | undefined)?.trusted === true;
    versions.initialize(params.initializationOptions as InitializationOptions | undefined);
    snippets = takesSnippets(params);
    configureWorker();
    registerFeatures(context, params);
    return {
      capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental, ...serverCapabilities() },
      serverInfo: { name: 'envoy-lens', version: PRODUCT_VERSION },
    };
  });

  connection.onInitialized(async () => {
    if (clientSupportsConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'envoyLens' });
      settings = versions.apply(await fetchSettings(connection));
      analyseAgain();
    }
  });

  connection.onDidChangeConfiguration(async () => {
    if (!clientSupportsConfiguration) return;
    settings = versions.apply(await fetchSettings(connection));
    analyseAgain();
  });

  connection.onNotification(Notifications.trustGranted, () => {
    trusted = true;
  });

  // Opening a document also fires a content change; the scheduler answers the first one at once, later ones debounced.
  documents.onDidChangeContent((event) => diagnostics.schedule(event.document.uri));
  documents.onDidClose((event) => {
    context.cache.forget(event.document.uri);
    context.large.forget(event.document.uri);
    diagnostics.clear(event.document.uri);
  });

  documents.listen(connection);
  connection.listen();
}
