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
import { DiagnosticsScheduler } from './diagnosticsScheduler';
import { DumpStore } from './dumpStore';
import { fetchSettings } from './settings';
import { VersionState } from './versionState';
import { Notifications, type InitializationOptions } from '../protocol';
import { loadCheckers } from '../runtime/checkers';
import { envoyApiGeneration } from '../runtime/models';
import { registerFeatures, serverCapabilities, type ServerContext } from './features';
import { PRODUCT_VERSION } from '../version';

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
  checkers: lazyCheckers(),
  trusted: () => trusted,
};
context.cache = new AnalysisCache(() => context.checkers?.() ?? [], () => settings);
const diagnostics = new DiagnosticsScheduler(connection, documents, context.cache);
context.diagnostics = diagnostics;
const versions = new VersionState(connection);
versions.listen(context, () => {
  settings = versions.analysisSettings();
  context.cache.clear();
  diagnostics.scheduleAll();
});

/** The model is read on first use, so a server that only ever sees unrelated YAML never pays for it. */
function lazyCheckers() {
  let checkers: ReturnType<typeof loadCheckers> | undefined;
  let builtFor = -1;
  return () => {
    // A different Envoy API (envoyLens.envoyApiPath) needs checkers built on its index.
    if (!checkers || builtFor !== envoyApiGeneration()) {
      builtFor = envoyApiGeneration();
      try {
        checkers = loadCheckers();
      } catch (error) {
        connection.console.error(`Envoy Lens could not load its type model; only syntax is checked: ${(error as Error).message}`);
        checkers = [];
      }
    }
    return checkers;
  };
}

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
    context.cache.clear();
    diagnostics.scheduleAll();
  }
});

connection.onDidChangeConfiguration(async () => {
  if (!clientSupportsConfiguration) return;
  settings = versions.apply(await fetchSettings(connection));
  context.cache.clear();
  diagnostics.scheduleAll();
});

connection.onNotification(Notifications.trustGranted, () => {
  trusted = true;
});

// Opening a document also fires a content change; the scheduler answers the first one at once, later ones debounced.
documents.onDidChangeContent((event) => diagnostics.schedule(event.document.uri));
documents.onDidClose((event) => {
  context.cache.forget(event.document.uri);
  diagnostics.clear(event.document.uri);
});

documents.listen(connection);
connection.listen();
