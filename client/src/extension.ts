import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { Notifications } from '../../server/src/protocol';
import { createApi, type EnvoyLensApi } from './api';
import { registerCommands } from './commands';
import { DumpTreeProvider } from './dumpTreeView';
import { LoadedDumps } from './loadedDumps';
import { registerObjectViewer } from './objectViewer';
import { restartingErrorHandler, watchRestarts } from './serverLifecycle';
import { registerVersions, versionInitializationOptions, versionMiddleware } from './versions';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<EnvoyLensApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const outputChannel = vscode.window.createOutputChannel('Envoy Lens', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', language: 'json' },
      { scheme: 'untitled', language: 'yaml' },
      { scheme: 'untitled', language: 'json' },
    ],
    synchronize: {
      configurationSection: 'envoyLens',
      // keeps the server's workspace index (definition, references, workspace symbols) in step with files on disk
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml,json}'),
    },
    outputChannel,
    errorHandler: restartingErrorHandler(outputChannel),
    // a function: a server restarted after the user trusted the workspace must start trusted
    initializationOptions: () => ({ trusted: vscode.workspace.isTrusted, ...versionInitializationOptions(context) }),
    middleware: versionMiddleware,
  };
  client = new LanguageClient('envoyLens', 'Envoy Lens', serverOptions, clientOptions);

  const tree = new DumpTreeProvider(() => client);
  const treeView = vscode.window.createTreeView('envoyLens.configDump', { treeDataProvider: tree, showCollapseAll: true });
  context.subscriptions.push(treeView, outputChannel);
  registerObjectViewer(context, () => client);
  const loadedDumps = new LoadedDumps();
  registerCommands(context, { client: () => client, tree, treeView, outputChannel, loadedDumps });

  await client.start();
  context.subscriptions.push(
    watchRestarts(client, outputChannel, () => {
      tree.refresh();
      if (client) void loadedDumps.restore(client, outputChannel, () => tree.refresh());
    }),
    client.onNotification(Notifications.dumpsChanged, () => tree.refresh()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification(Notifications.trustGranted, {})),
  );
  registerVersions(context, client);
  return createApi(() => client, context.logUri);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
